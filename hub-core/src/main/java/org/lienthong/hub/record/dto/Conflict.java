package org.lienthong.hub.record.dto;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.RecordKind;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Two heads of one record met during sync: the hub stored the incoming version beside the local one and merged them
 * deterministically (the owner's hub wins). {@code recordId}, {@code kind} and {@code owner} are given in the list of
 * conflicts, not in a record's own lineage; {@code resolved…} once an admin has reviewed it.
 */
@Schema(name = "Conflict", requiredProperties = { "id", "localHash", "incomingHash", "winnerHash", "mergeHash",
        "detectedAt" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conflict(UUID id, UUID recordId, @Schema(implementation = RecordKind.class) String kind, String owner,
        String localHash, String incomingHash, String winnerHash, String mergeHash, Instant detectedAt,
        Instant resolvedAt, String resolvedBy, String resolution) {
}
