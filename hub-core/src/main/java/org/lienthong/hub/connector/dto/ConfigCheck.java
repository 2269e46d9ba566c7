package org.lienthong.hub.connector.dto;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/connectors/validate}. It declares the schema only: the service reads the body as a
 * tree, like the bodies that create and change instances.
 */
@Schema(name = "ConfigCheck", description = "A configuration to check / Cấu hình cần kiểm tra", requiredProperties = "type")
public record ConfigCheck(@Schema(description = "An installed connector type") String type,
        @Schema(implementation = Map.class, description = "Values for the type's fields") JsonNode config) {
}
