package org.lienthong.hub.record.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Sync conflicts, newest first. */
@Schema(name = "ConflictList", requiredProperties = "items")
public record ConflictList(List<Conflict> items) {
}
