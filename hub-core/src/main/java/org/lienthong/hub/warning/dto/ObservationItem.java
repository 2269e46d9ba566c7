package org.lienthong.hub.warning.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One reading sent to {@code POST /api/v1/observations} (the contract: the hub reads each item as a JSON tree and
 * answers for each on its own).
 *
 * @param time
 *            when the value holds (RFC 3339), not when it was sent
 * @param value
 *            a finite number in the indicator's unit
 * @param quality
 *            good (default), suspect, or bad (stored, never evaluated)
 * @param exercise
 *            a drill reading: only exercise rules evaluate it
 */
@Schema(name = "ObservationItem", requiredProperties = { "station", "indicator", "time",
        "value" }, additionalProperties = Void.class)
public record ObservationItem(String station, String indicator, Instant time, double value, Quality quality,
        Boolean exercise) {
}
