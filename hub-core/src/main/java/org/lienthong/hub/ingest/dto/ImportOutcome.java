package org.lienthong.hub.ingest.dto;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.error.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One row of a CSV import.
 *
 * @param line
 *            the 1-based line of the sheet on which the row starts (line 1 is the header)
 * @param id
 *            the record's id, when it was stored (or already held)
 * @param version
 *            the record's version after the write
 * @param errors
 *            why the row was rejected
 */
@Schema(name = "ImportOutcome", requiredProperties = { "line", "status" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportOutcome(int line, ItemStatus status, UUID id, Integer version, List<FieldError> errors) {
}
