package org.lienthong.hub.warning.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The indicator catalogue. */
@Schema(name = "IndicatorList", requiredProperties = "items")
public record IndicatorList(List<IndicatorDefinition> items) {
}
