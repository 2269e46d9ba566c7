package org.lienthong.hub.connector.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The identity an instance reads and writes as: {@code connector:<name>} of organisation {@code org} with clearance
 * {@code clearance}. In a request both may be left out; an instance always shows both.
 *
 * @param org
 *            a registered organisation code; on create it defaults to the caller's organisation
 * @param clearance
 *            the most restrictive classification the instance may read (a {@code Classification}); defaults to
 *            {@code restricted}
 */
@Schema(name = "ActAs", description = "The identity an instance acts as / Danh tính của phiên bản")
public record ActAs(
        @Schema(description = "A registered organisation code; on create it defaults to the caller's organisation") String org,
        @Schema(ref = "Classification") String clearance) {
}
