package org.lienthong.hub.api.schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A hazard or risk being monitored or warned about. The warning fields map to OASIS CAP 1.2 ({@code alert} /
 * {@code info} / {@code area}), hazards are classified by the UNDRR-ISC Hazard Information Profiles (HIP 2025), and
 * {@code riskLevel} is the Vietnamese disaster risk level.
 *
 * @param id
 *            record identifier; assigned by the hub on create, kept across hubs; ignored in a create request
 * @param kind
 *            always {@link RecordKind#threat}; set by the hub
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
 *            short human-readable title (CAP {@code headline}); required
 * @param description
 *            what is happening or expected (CAP {@code description})
 * @param instruction
 *            recommended action for the audience (CAP {@code instruction})
 * @param hazardCode
 *            HIP code (e.g. {@code MH0309}, tropical cyclone), or a national extension {@code VN-…} for threats HIP
 *            lacks (drugs, trafficking, terrorism); required
 * @param domain
 *            monitoring field; required
 * @param status
 *            where the threat is in its life cycle
 * @param riskLevel
 *            Vietnamese disaster risk level 1–5 (Decision 18/2021/QĐ-TTg: 1 light blue, 2 light yellow, 3 orange, 4
 *            red, 5 purple), used for every kind of threat, not only natural disasters
 * @param urgency
 *            CAP {@code urgency}
 * @param severity
 *            CAP {@code severity}
 * @param certainty
 *            CAP {@code certainty}
 * @param responseTypes
 *            recommended actions (CAP {@code responseType}); unmodifiable
 * @param effective
 *            when the information becomes effective (CAP {@code effective})
 * @param onset
 *            expected beginning of the hazard (CAP {@code onset})
 * @param expires
 *            when the information expires (CAP {@code expires})
 * @param areas
 *            areas the threat applies to (CAP {@code area}); unmodifiable
 * @param indicators
 *            measured values supporting the assessment (national safety-indicator index; CAP {@code parameter});
 *            unmodifiable
 * @param alert
 *            the CAP alert the threat came from; set by a CAP connector, otherwise {@code null}
 * @param dataGapSince
 *            for a threat derived from observations: since when its station has sent no reading (the last reading's
 *            time); {@code null} while readings arrive. A silent station never ends a warning
 * @param exercise
 *            {@code true} for a drill: kept out of default lists, the default change feed, webhooks and the public CAP
 *            feed, and written as CAP {@code status} Exercise; {@code null} or {@code false} otherwise
 */
public record Threat(UUID id, RecordKind kind, Integer version, String owner, Classification classification,
        SourceRef sourceRef, Instant createdAt, Instant updatedAt, Boolean deleted, Provenance provenance, String title,
        String description, String instruction, String hazardCode, Domain domain, ThreatStatus status,
        Integer riskLevel, Urgency urgency, Severity severity, Certainty certainty, List<ResponseType> responseTypes,
        Instant effective, Instant onset, Instant expires, List<Area> areas, List<Indicator> indicators,
        CapAlertRef alert, Instant dataGapSince, Boolean exercise) implements CanonicalRecord {

    /** Copies the lists; does not validate (see the package documentation). */
    public Threat {
        responseTypes = Lists.copy(responseTypes);
        areas = Lists.copy(areas);
        indicators = Lists.copy(indicators);
    }
}
