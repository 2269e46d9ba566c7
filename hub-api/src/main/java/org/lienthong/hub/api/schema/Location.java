package org.lienthong.hub.api.schema;

import java.util.List;

/**
 * Where an incident happened or a resource is ({@code Incident.location}, {@code Resource.location}).
 *
 * @param description
 *            human-readable description (address, landmark)
 * @param adminCodes
 *            codes of the administrative units concerned (province, commune/ward); unmodifiable
 * @param geometry
 *            the location's shape, usually a {@code Point}
 */
public record Location(String description, List<String> adminCodes, Geometry geometry) {

    /** Copies {@code adminCodes}; does not validate (see the package documentation). */
    public Location {
        adminCodes = Lists.copy(adminCodes);
    }
}
