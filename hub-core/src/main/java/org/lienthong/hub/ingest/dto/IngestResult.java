package org.lienthong.hub.ingest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.audit.AccessLog;

/** The answer to {@code POST /api/v1/ingest}: counts, and every item's outcome in batch order. */
@Schema(name = "IngestResult", requiredProperties = { "created", "updated", "unchanged", "rejected", "results" })
public record IngestResult(int created, int updated, int unchanged, int rejected, List<IngestOutcome> results) {

    /** The records the batch created or changed, for the access log (the kind is not needed to name a record). */
    public List<AccessLog.Touch> written() {
        return results.stream().filter(o -> o.status() == ItemStatus.created || o.status() == ItemStatus.updated)
                .map(o -> new AccessLog.Touch(null, o.id())).toList();
    }
}
