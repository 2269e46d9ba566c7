package org.lienthong.hub.api.schema;

/**
 * The GeoJSON geometry types (RFC 7946, section 1.4) a {@link Geometry} may have ({@code Geometry.type}).
 * {@link Geometry#type()} stays a {@code String} so that a geometry with any type still binds and the hub can report
 * it; use {@link Vocabulary#fromWireValue} to read it as this enum.
 */
public enum GeometryType {
    /** One position. */
    Point,
    /** Several positions. */
    MultiPoint,
    /** A line through two or more positions. */
    LineString,
    /** Several lines. */
    MultiLineString,
    /** Linear rings: the exterior first, then any holes. */
    Polygon,
    /** Several polygons. */
    MultiPolygon,
    /** Several geometries of any type but {@code GeometryCollection}, in {@code geometries} instead of coordinates. */
    GeometryCollection
}
