package org.lienthong.hub.connector.dto;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /api/v1/connectors/{name}}. It declares the schema only: the service reads the body as a tree,
 * so that one 400 names every problem.
 */
@Schema(name = "ConnectorUpdate", description = "A new configuration for an instance / Cấu hình mới cho phiên bản")
public record ConnectorUpdate(@Schema(description = "When given, the instance's name: names never change") String name,
        @Schema(description = "When given, the instance's type: types never change") String type,
        @Schema(implementation = Map.class, description = "The whole configuration; a secret field left out keeps its value") JsonNode config,
        ActAs actAs) {
}
