package org.lienthong.hub.api.schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An occurrence with impact. Maps to EDXL-SitRep (and the EMSI event) for the situation, and to the Sendai Framework
 * indicators / DesInventar for {@code impacts}; hazards are classified like a {@link Threat} (HIP 2025).
 *
 * @param id
 *            record identifier; assigned by the hub on create, kept across hubs; ignored in a create request
 * @param kind
 *            always {@link RecordKind#incident}; set by the hub
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
 * @param title
 *            short human-readable name (SitRep / EMSI event name); required
 * @param description
 *            what happened
 * @param hazardCode
 *            HIP code or national extension {@code VN-…}, as for a threat; required
 * @param domain
 *            monitoring field; required
 * @param threatIds
 *            ids of related {@link Threat}s (e.g. the warning that preceded it); unmodifiable
 * @param status
 *            where the incident is in its life cycle
 * @param riskLevel
 *            Vietnamese disaster risk level 1–5 (Decision 18/2021/QĐ-TTg), as for a threat
 * @param occurredAt
 *            when it happened or began; required
 * @param reportedAt
 *            when it was first reported
 * @param endedAt
 *            when it ended; {@code null} while ongoing
 * @param location
 *            where it happened
 * @param impacts
 *            impact figures (Sendai / DesInventar); unmodifiable
 * @param command
 *            who commands the response on site
 * @param resourceIds
 *            ids of the {@link Resource}s assigned to it; unmodifiable
 */
public record Incident(UUID id, RecordKind kind, Integer version, String owner, Classification classification,
        SourceRef sourceRef, Instant createdAt, Instant updatedAt, Boolean deleted, Provenance provenance, String title,
        String description, String hazardCode, Domain domain, List<UUID> threatIds, IncidentStatus status,
        Integer riskLevel, Instant occurredAt, Instant reportedAt, Instant endedAt, Location location,
        List<Impact> impacts, Command command, List<UUID> resourceIds) implements CanonicalRecord {

    /** Copies the lists; does not validate (see the package documentation). */
    public Incident {
        threatIds = Lists.copy(threatIds);
        impacts = Lists.copy(impacts);
        resourceIds = Lists.copy(resourceIds);
    }
}
