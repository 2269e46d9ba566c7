package org.lienthong.hub.connector.dto;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.connector.DeadLetterStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An item the hub or the receiving system refused, kept for a replay or a discard. {@code kind}, {@code recordId} and
 * {@code hash} are always written, as {@code null} when unknown; {@code detail} and {@code closedBy} only when set.
 */
@Schema(name = "DeadLetter", description = "A refused item / Mục bị từ chối", requiredProperties = { "id", "lane",
        "itemType", "kind", "recordId", "hash", "reason", "attempts", "status", "createdAt", "updatedAt", "item" })
public record DeadLetter(UUID id, @Schema(enumeration = {
        "source", "sink" }, description = "source: read into the hub; sink: delivered out of it") String lane,
        @Schema(enumeration = { "upsert", "replica", "change",
                "refused" }, description = "upsert (a record from a source), replica (a version from another hub), change (a change a sink refused) or refused (an item the connector could not read)") String itemType,
        @Schema(nullable = true, description = "The record kind the item is or claims to be, when known") String kind,
        @Schema(nullable = true, description = "The record concerned, when known") UUID recordId,
        @Schema(nullable = true, description = "The version hash, when known") String hash,
        @Schema(description = "Why it was refused (the last attempt's reason)") String reason,
        @Schema(description = "Attempts so far, the first included") int attempts, DeadLetterStatus status,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Where a refused item came from, the hub a replica was read from, or the operation of a change") String detail,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Who replayed or discarded it (org/subject); absent while open") String closedBy,
        @Schema(implementation = Object.class, description = "The item as the connector gave it, or the change as delivered: its JSON (usually an object), or the stored text as a string when that is not JSON (an unreadable CAP alert, say)") JsonNode item){
}
