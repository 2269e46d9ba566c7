package org.lienthong.hub.warning.dto;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Location;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/stations} and {@code PUT /api/v1/stations/{code}} (the contract: the hub reads the
 * body as a JSON tree so that one 400 names every bad field).
 *
 * @param code
 *            required on POST; on PUT it may be left out or must equal the path's
 * @param owner
 *            defaults to the caller's organisation
 * @param classification
 *            defaults to internal
 * @param location
 *            a {@code Point} geometry is required; adminCodes make the station part of rules that name areas
 */
@Schema(name = "StationInput", requiredProperties = { "name", "location" }, additionalProperties = Void.class)
public record StationInput(@Schema(pattern = "^[a-z0-9][a-z0-9.-]{0,127}$") String code,
        @Schema(maxLength = 500) String name, String owner, Classification classification,
        @Schema(implementation = Location.class) JsonNode location,
        @Schema(description = "Free members: numbers and strings") Map<String, Object> attributes) {
}
