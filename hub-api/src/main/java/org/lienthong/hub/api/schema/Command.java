package org.lienthong.hub.api.schema;

/**
 * Who commands the response on site ({@code Incident.command}): the "on-the-spot command" pillar for this incident.
 *
 * @param post
 *            name or location of the command post
 * @param commanderOrg
 *            organisation code of the commanding organisation
 * @param contact
 *            how to reach the command post (phone, radio channel)
 */
public record Command(String post, String commanderOrg, String contact) {
}
