package org.lienthong.hub.warning.dto;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Location;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A monitoring point, as the hub holds it.
 *
 * @param code
 *            unique, e.g. {@code vn.nchmf.long-bien}
 * @param location
 *            where it is: a Point geometry, with the administrative units it lies in
 * @param attributes
 *            free numbers and strings (zone, basin …)
 * @param dataGapSince
 *            while a warning of this station is active and the station is silent: its last reading's time
 * @param version
 *            1, 2, 3 …: the ETag
 */
@Schema(name = "Station", requiredProperties = { "code", "name", "owner", "classification", "location", "attributes",
        "version", "createdAt", "updatedAt" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Station(String code, String name, String owner, Classification classification,
        @Schema(implementation = Location.class) JsonNode location,
        @Schema(description = "Free members: numbers and strings") Map<String, Object> attributes, Instant dataGapSince,
        int version, Instant createdAt, Instant updatedAt) {
}
