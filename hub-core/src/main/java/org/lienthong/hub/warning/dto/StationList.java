package org.lienthong.hub.warning.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of stations, by code; {@code next} is the cursor of the next page, null on the last. */
@Schema(name = "StationList", requiredProperties = { "items", "next" })
public record StationList(List<Station> items, @Schema(nullable = true) String next) {
}
