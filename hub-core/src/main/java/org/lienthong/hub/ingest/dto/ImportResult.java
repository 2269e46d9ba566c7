package org.lienthong.hub.ingest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.audit.AccessLog;

/** The answer to {@code POST /api/v1/{kinds}/import}: counts, and every row's outcome in sheet order. */
@Schema(name = "ImportResult", requiredProperties = { "created", "updated", "unchanged", "rejected", "results" })
public record ImportResult(int created, int updated, int unchanged, int rejected, List<ImportOutcome> results) {

    /** The records the sheet created or changed, for the access log. */
    public List<AccessLog.Touch> written(String kind) {
        return results.stream().filter(o -> o.status() == ItemStatus.created || o.status() == ItemStatus.updated)
                .map(o -> new AccessLog.Touch(kind, o.id())).toList();
    }
}
