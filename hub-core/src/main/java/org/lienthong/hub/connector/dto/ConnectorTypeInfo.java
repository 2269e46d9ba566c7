package org.lienthong.hub.connector.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An installed connector type ({@code GET /api/v1/connector-types}) with the fields its configuration takes. */
@Schema(name = "ConnectorType", description = "An installed connector type / Loại kết nối đã cài", requiredProperties = {
        "name", "description", "fields" })
public record ConnectorTypeInfo(
        @Schema(description = "What an instance's type is set to, e.g. hub-peer, cap, csv, webhook") String name,
        @Schema(nullable = true) String description, List<ConfigFieldInfo> fields) {
}
