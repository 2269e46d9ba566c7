package org.lienthong.hub.connector.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The connector types installed on this hub, by name. */
@Schema(name = "ConnectorTypeList", requiredProperties = "items")
public record ConnectorTypeList(List<ConnectorTypeInfo> items) {
}
