package org.lienthong.hub.api.schema;

import java.util.List;

/**
 * An area a threat applies to ({@code Threat.areas[]}); maps to CAP {@code area}. Give at least one of
 * {@code adminCodes} and {@code geometry} so the area can be matched to subscribers.
 *
 * @param description
 *            human-readable description (CAP {@code areaDesc})
 * @param adminCodes
 *            codes of the administrative units covered (province, commune/ward; CAP {@code geocode}); unmodifiable
 * @param geometry
 *            the area's shape (CAP {@code polygon} / {@code circle} converted to GeoJSON)
 */
public record Area(String description, List<String> adminCodes, Geometry geometry) {

    /** Copies {@code adminCodes}; does not validate (see the package documentation). */
    public Area {
        adminCodes = Lists.copy(adminCodes);
    }
}
