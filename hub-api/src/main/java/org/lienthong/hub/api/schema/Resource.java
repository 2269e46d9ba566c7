package org.lienthong.hub.api.schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Something that can be brought to bear on a threat or incident, organised by the "four on-the-spot" pillars
 * ({@link Pillar}). Maps to OASIS EDXL-RM (resource name, type, quantity) and EMSI / EDXL-RM resource status.
 *
 * @param id
 *            record identifier; assigned by the hub on create, kept across hubs; ignored in a create request
 * @param kind
 *            always {@link RecordKind#resource}; set by the hub
 * @param version
 *            version number, ≥ 1; incremented by the hub on every write
 * @param owner
 *            organisation code of the authoritative organisation (e.g. {@code vn.hn}); set by the client on create,
 *            required
 * @param classification
 *            who may see the record; set by the client, {@link Classification#internal} when it sends none
 * @param sourceRef
 *            identity in the originating system, unique per kind; optional, set by the client or connector
 * @param createdAt
 *            when the first version was recorded; set by the hub
 * @param updatedAt
 *            when the current version was recorded; set by the hub
 * @param deleted
 *            tombstone flag; set by the hub
 * @param provenance
 *            provenance of the current version; set by the hub
 * @param name
 *            human-readable name (RM {@code ResourceName}); required
 * @param pillar
 *            which "on-the-spot" pillar it belongs to; required
 * @param category
 *            what sort of thing it is (RM {@code TypeInfo} kind); required
 * @param typeCode
 *            finer type code (RM {@code TypeStructure} value)
 * @param quantity
 *            how much or how many there are in total, in {@code unit}, ≥ 0 (RM {@code Quantity}); required
 * @param available
 *            how much of {@code quantity} can be assigned now, ≥ 0 and ≤ {@code quantity}
 * @param unit
 *            unit of {@code quantity} and {@code available} (e.g. {@code persons}, {@code t}, {@code VND})
 * @param status
 *            whether it can be used now
 * @param location
 *            where it is
 * @param reserve
 *            {@code true} when it is part of the national or provincial reserve
 * @param expiresAt
 *            when perishable supplies expire
 * @param assignment
 *            the incident it is deployed to; {@code null} when not assigned
 * @param contact
 *            how to request or reach it (phone, unit)
 */
public record Resource(UUID id, RecordKind kind, Integer version, String owner, Classification classification,
        SourceRef sourceRef, Instant createdAt, Instant updatedAt, Boolean deleted, Provenance provenance, String name,
        Pillar pillar, ResourceCategory category, String typeCode, BigDecimal quantity, BigDecimal available,
        String unit, ResourceStatus status, Location location, Boolean reserve, Instant expiresAt,
        Assignment assignment, String contact) implements CanonicalRecord {
}
