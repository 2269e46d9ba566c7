package org.lienthong.hub.warning.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A station's readings of one indicator, oldest first; {@code next} is the cursor of the next page, null on the last.
 */
@Schema(name = "ObservationPage", requiredProperties = { "items", "next" })
public record ObservationPage(List<Observation> items, @Schema(nullable = true) String next) {
}
