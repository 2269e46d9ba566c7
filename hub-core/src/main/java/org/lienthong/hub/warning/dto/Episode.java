package org.lienthong.hub.warning.dto;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One warning of a rule at a station: from the reading that made it active to the one that ended it.
 *
 * @param threatId
 *            the threat that carries it (GET /api/v1/threats/{threatId})
 * @param status
 *            active, ended, or withdrawn (later readings showed it never happened; its threat is deleted)
 * @param level
 *            its current (or last) risk level
 */
@Schema(name = "WarningEpisode", requiredProperties = { "threatId", "station", "status", "level", "startedAt" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Episode(UUID threatId, String station, @Schema(enumeration = {
        "active", "ended", "withdrawn" }) String status, int level, Instant startedAt, Instant endedAt,
        Instant lastReadingAt, Instant dataGapSince){
}
