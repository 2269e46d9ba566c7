package org.lienthong.hub.connector.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every connector instance of this hub, by name. */
@Schema(name = "ConnectorList", requiredProperties = "items")
public record ConnectorList(List<ConnectorInstance> items) {
}
