package org.lienthong.hub.warning.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of one reading sent. */
@Schema(name = "ObservationStatus", description = "created; unchanged (the same value again); corrected (a different value for the same station, indicator and time: the earlier value is kept as a correction); rejected (nothing stored, see errors)")
public enum ObservationStatus {
    created, unchanged, corrected, rejected
}
