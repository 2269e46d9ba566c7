package org.lienthong.hub.audit.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Access-log entries, newest first. */
@Schema(name = "AccessLogPage", requiredProperties = "items")
public record AccessLogPage(List<AccessEntry> items) {
}
