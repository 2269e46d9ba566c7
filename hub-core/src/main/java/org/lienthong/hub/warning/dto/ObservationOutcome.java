package org.lienthong.hub.warning.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.error.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reading's outcome.
 *
 * @param index
 *            its position in the batch, from 0; for a CSV sheet, {@code line} instead
 * @param line
 *            for a CSV sheet: the line of the sheet it is on (the header is line 1)
 * @param previous
 *            for a correction: the value it replaced
 */
@Schema(name = "ObservationOutcome", requiredProperties = "status")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObservationOutcome(Integer index, Integer line, ObservationStatus status, Double previous,
        List<FieldError> errors) {
}
