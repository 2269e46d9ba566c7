package org.lienthong.hub.audit.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.RecordKind;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the access log: who read or wrote which record, when and how.
 *
 * @param path
 *            how: api, feed or connector
 * @param action
 *            read or write
 * @param kind
 *            the record's kind; left out where the path does not name it (a bulk ingest)
 * @param recordId
 *            the record; {@code null} for an entry that names no record
 */
@Schema(name = "AccessEntry", requiredProperties = { "at", "subject", "org", "roles", "path", "action", "recordId" })
public record AccessEntry(Instant at, String subject, String org, List<String> roles, String path, String action,
        @Schema(implementation = RecordKind.class) @JsonInclude(JsonInclude.Include.NON_NULL) String kind,
        @Schema(nullable = true) UUID recordId) {
}
