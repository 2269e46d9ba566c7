package org.lienthong.hub.connector.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An instance's dead letters with the status asked for, oldest first (at most 1000). */
@Schema(name = "DeadLetterList", requiredProperties = "items")
public record DeadLetterList(List<DeadLetter> items) {
}
