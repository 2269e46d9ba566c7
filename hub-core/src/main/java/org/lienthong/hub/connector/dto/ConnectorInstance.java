package org.lienthong.hub.connector.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.connector.ConnectorState;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A connector instance as admins and auditors see it: its configuration without secrets, what it is doing, its lanes
 * and how many dead letters wait. {@code secretsSet} is sorted; {@code lanes} is in lane-name order; {@code failure} is
 * absent unless the instance failed.
 */
@Schema(name = "ConnectorInstance", description = "A connector instance, without its secrets / Phiên bản kết nối, không kèm bí mật", requiredProperties = {
        "name", "type", "config", "secretsSet", "actAs", "state", "lanes", "deadLetters", "createdAt", "createdBy",
        "updatedAt", "updatedBy" })
public record ConnectorInstance(String name, @Schema(description = "The connector type's name") String type,
        @Schema(implementation = Map.class, description = "The non-secret configuration values as given (defaults are not filled in); see the type's fields") JsonNode config,
        @Schema(description = "Names of the secret fields that hold a value; the values are never returned") List<String> secretsSet,
        ActAs actAs, ConnectorState state, @JsonInclude(JsonInclude.Include.NON_NULL) Failure failure,
        @Schema(description = "By lane: source (reading into the hub) and/or sink (delivering out of it)") Map<String, Lane> lanes,
        @Schema(description = "How many dead letters are open") long deadLetters,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant createdAt, String createdBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant updatedAt, String updatedBy) {

    /** Why an instance stopped and when the runtime tries again ({@code restartAt}, absent when it will not). */
    @Schema(name = "ConnectorFailure", requiredProperties = { "message", "at", "restarts" })
    public record Failure(String message, @JsonInclude(JsonInclude.Include.NON_NULL) Instant at,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant restartAt,
            @Schema(description = "Consecutive automatic restarts so far") int restarts) {
    }

    /**
     * One lane of an instance: where it is, when it ran, how it went. {@code lastError} and {@code lastErrorAt} stay
     * after later successes; times not yet known are absent.
     */
    @Schema(name = "ConnectorLane", requiredProperties = { "checkpoint", "consecutiveFailures", "counts" })
    public record Lane(
            @Schema(nullable = true, description = "Source: the connector's own cursor (opaque to the hub); sink: a change-feed cursor; null before the first batch") String checkpoint,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastRunAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastSuccessAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant nextRunAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The last failed run's message; absent until a run fails") String lastError,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastErrorAt, int consecutiveFailures, Counts counts) {
    }

    /** Totals of a lane since the instance was created. */
    @Schema(name = "ConnectorLaneCounts", requiredProperties = { "runs", "items", "failures" })
    public record Counts(long runs, long items, long failures) {
    }
}
