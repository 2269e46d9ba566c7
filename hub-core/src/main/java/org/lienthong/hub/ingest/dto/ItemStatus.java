package org.lienthong.hub.ingest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of one item of a batch or one row of a sheet. */
@Schema(name = "ItemStatus", description = "created, updated, unchanged (identical content: no new version) or rejected (nothing stored; see errors)")
public enum ItemStatus {
    created, updated, unchanged, rejected
}
