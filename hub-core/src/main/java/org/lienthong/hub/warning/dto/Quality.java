package org.lienthong.hub.warning.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How far a reading can be trusted: a {@code bad} one is stored but never evaluated. */
@Schema(name = "ObservationQuality")
public enum Quality {
    good, suspect, bad
}
