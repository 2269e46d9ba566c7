package org.lienthong.hub.warning.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.Domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a station measures.
 *
 * @param code
 *            e.g. {@code water-level}, {@code rainfall}, {@code salinity}, {@code pm25}, {@code dengue-cases}
 * @param name
 *            Vietnamese name
 * @param unit
 *            UCUM unit: {@code m}, {@code mm}, {@code [ppth]}, {@code ug/m3}, {@code {case}}
 */
@Schema(name = "IndicatorDefinition", requiredProperties = { "code", "name", "unit", "domain" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorDefinition(@Schema(pattern = "^[a-z0-9][a-z0-9.-]{0,63}$") String code, String name,
        String nameEn, String unit, Domain domain, String description) {
}
