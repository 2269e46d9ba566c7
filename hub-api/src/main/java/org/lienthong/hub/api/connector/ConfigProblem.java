package org.lienthong.hub.api.connector;

/**
 * Why a configuration cannot be used.
 *
 * @param field
 *            the field concerned, or {@code ""} for the configuration as a whole
 * @param message
 *            what is wrong, in words an operator can act on; never containing a secret
 */
public record ConfigProblem(String field, String message) {
}
