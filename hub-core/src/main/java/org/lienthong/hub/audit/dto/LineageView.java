package org.lienthong.hub.audit.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.Activity;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.record.dto.Conflict;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A record's lineage ({@code GET /api/v1/{kinds}/{id}/lineage}): its versions, the hops that brought versions here from
 * other hubs, what connectors did to it and its sync conflicts, each oldest first.
 */
@Schema(name = "Lineage", requiredProperties = { "record", "versions", "hops", "connectorActivities", "conflicts" })
public record LineageView(RecordRef record, List<Version> versions, List<Hop> hops,
        List<ConnectorActivity> connectorActivities, List<Conflict> conflicts) {

    /** Which record this is. */
    @Schema(name = "LineageRecord", requiredProperties = { "kind", "id" })
    public record RecordRef(@Schema(implementation = RecordKind.class) String kind, UUID id) {
    }

    /** One version, with its provenance and envelope (not its content). */
    @Schema(name = "LineageVersion", requiredProperties = { "version", "hash", "parents", "activity", "author",
            "recordedAt", "originHub", "owner", "classification", "deleted" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Version(int version, String hash, List<String> parents,
            @Schema(implementation = Activity.class) String activity, Author author, Instant recordedAt,
            String originHub, String connector, SourceRef sourceRef, String owner,
            @Schema(implementation = Classification.class) String classification, boolean deleted) {
    }

    /** Who wrote a version. */
    @Schema(name = "LineageAuthor", requiredProperties = { "org", "subject" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(String org, String subject, String role) {
    }

    /** The source reference a version carried. */
    @Schema(name = "LineageSourceRef", requiredProperties = { "system", "id" })
    public record SourceRef(String system, String id) {
    }

    /** A version received from another hub. */
    @Schema(name = "Hop", requiredProperties = { "hash", "fromHub", "receivedBy", "receivedAt" })
    public record Hop(String hash, String fromHub, String receivedBy, Instant receivedAt) {
    }

    /** Something a connector (or an admin through it) did with the record: a dead letter, a replay, a discard. */
    @Schema(name = "ConnectorActivity", requiredProperties = { "instance", "action", "actor", "at" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectorActivity(String instance, String action, UUID deadLetterId, String actor, Instant at,
            String detail) {
    }
}
