package org.lienthong.hub.warning.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Warning rules (their current versions), or every version of one rule, oldest first. */
@Schema(name = "WarningRuleList", requiredProperties = { "items" })
public record WarningRuleList(List<WarningRuleView> items, @Schema(nullable = true) String next) {
}
