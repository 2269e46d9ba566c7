package org.lienthong.hub.connector.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to {@code POST /api/v1/connectors/validate}: usable or not, and every problem found. */
@Schema(name = "ConfigValidation", requiredProperties = { "valid", "problems" })
public record ConfigValidation(@Schema(description = "true when problems is empty") boolean valid,
        List<ConfigProblemInfo> problems) {
}
