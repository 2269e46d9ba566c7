package org.lienthong.hub.record.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an array of versions sent to {@code POST /api/v1/replicas}: one outcome per version, in order. */
@Schema(name = "ReplicaBatchResult", requiredProperties = "results")
public record ReplicaBatchResult(List<ReplicaOutcome> results) {
}
