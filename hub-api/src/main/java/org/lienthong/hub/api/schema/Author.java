package org.lienthong.hub.api.schema;

/**
 * Who wrote a record version ({@code provenance.author}); set by the hub from the authenticated caller, never taken
 * from the request body.
 *
 * @param org
 *            organisation code of the writer (e.g. {@code vn.hn}); set by the hub
 * @param subject
 *            the authenticated principal within that organisation (user or service account); set by the hub
 * @param role
 *            {@code "admin"} when the write needed an administrator's powers (acting for an organisation the writer is
 *            not above), otherwise absent; an addition to schema v1 so that such writes stand out in audits
 */
public record Author(String org, String subject, String role) {
}
