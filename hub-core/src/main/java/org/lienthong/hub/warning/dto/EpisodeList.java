package org.lienthong.hub.warning.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rule's episodes, newest first. */
@Schema(name = "WarningEpisodeList", requiredProperties = "items")
public record EpisodeList(List<Episode> items) {
}
