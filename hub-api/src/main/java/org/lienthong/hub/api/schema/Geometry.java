package org.lienthong.hub.api.schema;

import java.util.List;

/**
 * A GeoJSON geometry object (RFC 7946), positions as {@code [longitude, latitude]} in WGS 84. CAP writes
 * {@code lat,lon} and has circles, which GeoJSON lacks: CAP connectors swap the order and approximate a circle by a
 * polygon.
 * <p>
 * Kept generic rather than one record per geometry type so that any JSON library binds it as is and a geometry passes
 * through the hub unchanged.
 *
 * @param type
 *            the GeoJSON type: {@code Point}, {@code MultiPoint}, {@code LineString}, {@code MultiLineString},
 *            {@code Polygon}, {@code MultiPolygon} or {@code GeometryCollection} (the wire values of
 *            {@link GeometryType}); required
 * @param coordinates
 *            nested {@link List}s of {@link Number}s whose depth depends on {@code type}: a position {@code [lon, lat]}
 *            or {@code [lon, lat, alt]} for {@code Point}, a list of positions for {@code MultiPoint} and
 *            {@code LineString}, a list of those for {@code MultiLineString} and {@code Polygon} (linear rings,
 *            exterior first, counter-clockwise), one level deeper for {@code MultiPolygon}; {@code null} for
 *            {@code GeometryCollection}. Stored as given, not copied: treat it as read-only
 * @param geometries
 *            the members of a {@code GeometryCollection}; {@code null} for every other type; unmodifiable
 */
public record Geometry(String type, Object coordinates, List<Geometry> geometries) {

    /** Copies {@code geometries}; does not validate (see the package documentation). */
    public Geometry {
        geometries = Lists.copy(geometries);
    }
}
