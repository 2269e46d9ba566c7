package org.lienthong.hub.ingest.dto;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.error.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One item of {@code POST /api/v1/ingest}.
 *
 * @param index
 *            the item's position in the batch, from 0 (NDJSON: blank lines are not counted)
 * @param id
 *            the record's id, when it was stored (or already held)
 * @param version
 *            the record's version after the write
 * @param errors
 *            why the item was rejected
 */
@Schema(name = "IngestOutcome", requiredProperties = { "index", "status" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestOutcome(int index, ItemStatus status, UUID id, Integer version, List<FieldError> errors) {
}
