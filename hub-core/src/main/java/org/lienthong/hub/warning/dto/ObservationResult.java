package org.lienthong.hub.warning.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to {@code POST /api/v1/observations}: counts, and every reading's outcome in order. */
@Schema(name = "ObservationResult", requiredProperties = { "created", "unchanged", "corrected", "rejected", "results" })
public record ObservationResult(int created, int unchanged, int corrected, int rejected,
        List<ObservationOutcome> results) {
}
