package org.lienthong.hub.connector.dto;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/connectors}. It declares the schema only: the service reads the body as a tree, so
 * that one 400 names every problem.
 */
@Schema(name = "ConnectorRequest", description = "A new connector instance / Phiên bản kết nối mới", requiredProperties = {
        "name", "type" })
public record ConnectorRequest(
        @Schema(pattern = "^[a-z0-9][a-z0-9-]{0,62}$", description = "Lower-case letters, digits and '-', at most 63; never changes") String name,
        @Schema(description = "An installed connector type (GET /api/v1/connector-types)") String type,
        @Schema(implementation = Map.class, description = "Values for the type's fields; secret fields are write-only") JsonNode config,
        ActAs actAs) {
}
