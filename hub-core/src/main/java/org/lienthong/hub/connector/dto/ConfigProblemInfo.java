package org.lienthong.hub.connector.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One problem with a proposed configuration. */
@Schema(name = "ConfigProblem", requiredProperties = { "field", "message" })
public record ConfigProblemInfo(
        @Schema(description = "The configuration field at fault; empty for the configuration as a whole") String field,
        String message) {
}
