package org.lienthong.hub.api.schema;

/**
 * Identity of a record in the system it came from ({@code sourceRef} in the envelope and in {@link Provenance}). Lets a
 * connector find the canonical record for an external one without keeping its own mapping table; the hub keeps
 * {@code (system, id)} unique per record kind.
 *
 * @param system
 *            name of the originating system, stable across imports (e.g. the connector's instance name or the external
 *            system's code); required when {@code sourceRef} is given
 * @param id
 *            the record's identifier in that system, as that system writes it; required when {@code sourceRef} is given
 */
public record SourceRef(String system, String id) {
}
