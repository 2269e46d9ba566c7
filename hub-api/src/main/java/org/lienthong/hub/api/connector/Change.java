package org.lienthong.hub.api.connector;

/**
 * One change a sink delivers: a version as the change feed shows it.
 *
 * @param kind
 *            threat, incident or resource
 * @param id
 *            the record's id
 * @param version
 *            the version number on this hub
 * @param hash
 *            the version's hash: the same on every hub, the natural idempotency key
 * @param op
 *            create, update or delete
 * @param json
 *            the record at this version, as {@code GET /api/v1/changes} renders it
 */
public record Change(String kind, String id, int version, String hash, String op, String json) {
}
