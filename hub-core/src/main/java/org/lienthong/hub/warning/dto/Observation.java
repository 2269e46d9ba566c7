package org.lienthong.hub.warning.dto;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stored reading.
 *
 * @param recordedAt
 *            when the hub stored this value
 * @param corrections
 *            the values it replaced, oldest first (a reading sent again with another value is a correction)
 */
@Schema(name = "Observation", requiredProperties = { "station", "indicator", "time", "value", "quality", "exercise",
        "recordedAt" })
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Observation(String station, String indicator, Instant time, double value, Quality quality,
        boolean exercise, Instant recordedAt, List<Correction> corrections) {

    /** An earlier value of a reading. */
    @Schema(name = "ObservationCorrection", requiredProperties = { "value", "quality", "recordedAt", "replacedAt" })
    public record Correction(double value, Quality quality, Instant recordedAt, Instant replacedAt) {
    }
}
