package org.lienthong.hub.record;

import java.math.BigDecimal;
import java.util.Set;
import java.util.function.BiFunction;

import org.lienthong.hub.api.schema.GeometryType;
import org.lienthong.hub.api.schema.Vocabulary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a GeoJSON geometry (RFC 7946) with WGS 84 {@code [lon, lat]} positions and returns it in stored form (numbers
 * normalised). One instance per geometry: it counts the positions against {@link #MAX_POSITIONS}.
 */
final class GeometryRules {

    static final int MAX_POSITIONS = 100_000;

    private static final Set<String> TYPES = Set.copyOf(Vocabulary.wireValues(GeometryType.class));
    private final FieldChecks c;
    private int positions;

    GeometryRules(FieldChecks c) {
        this.c = c;
    }

    JsonNode geometry(String path, JsonNode node, int depth) {
        ObjectNode o = c.object(path, node, Set.of("type", "coordinates", "geometries", "bbox"));
        if (o == null) {
            return null;
        }
        JsonNode typeNode = o.get("type");
        GeometryType type = typeNode == null || !typeNode.isTextual() ? null
                : Vocabulary.fromWireValue(GeometryType.class, typeNode.textValue()).orElse(null);
        if (type == null) {
            c.error(path + ".type", "must be one of " + String.join(", ", FieldChecks.sorted(TYPES)));
            return null;
        }
        ObjectNode out = RecordJson.NODES.objectNode();
        out.put("type", type.toString());
        if (o.has("bbox")) {
            c.error(path + ".bbox", "is not supported; leave it out (the hub computes extents itself)");
            return null;
        }
        if (type == GeometryType.GeometryCollection) {
            if (o.has("coordinates")) {
                c.error(path + ".coordinates", "must be left out of a GeometryCollection");
                return null;
            }
            if (depth > 0) {
                c.error(path, "a GeometryCollection must not contain another GeometryCollection");
                return null;
            }
            JsonNode geometries = o.get("geometries");
            if (geometries == null || !geometries.isArray()) {
                c.error(path + ".geometries", "is required: a list of geometries");
                return null;
            }
            ArrayNode list = out.putArray("geometries");
            for (int i = 0; i < geometries.size(); i++) {
                JsonNode g = geometry(path + ".geometries[" + i + "]", geometries.get(i), depth + 1);
                if (g == null) {
                    return null;
                }
                list.add(g);
            }
            return out;
        }
        if (o.has("geometries")) {
            c.error(path + ".geometries", "is only allowed in a GeometryCollection");
            return null;
        }
        JsonNode coords = o.get("coordinates");
        String cp = path + ".coordinates";
        if (coords == null || !coords.isArray()) {
            c.error(cp, "is required: an array of [longitude, latitude] positions");
            return null;
        }
        JsonNode clean = switch (type) {
        case Point -> position(cp, coords);
        case MultiPoint -> each(cp, coords, 0, this::position);
        case LineString -> line(cp, coords);
        case MultiLineString -> each(cp, coords, 0, this::line);
        case Polygon -> polygon(cp, coords);
        case MultiPolygon -> each(cp, coords, 1, this::polygon);
        case GeometryCollection -> throw new IllegalStateException("handled above");
        };
        if (clean == null) {
            return null;
        }
        out.set("coordinates", clean);
        return out;
    }

    private JsonNode each(String path, JsonNode node, int min, BiFunction<String, JsonNode, JsonNode> part) {
        if (!node.isArray() || node.size() < min) {
            c.error(path, "must be an array" + (min > 0 ? " with at least " + min + " member" : ""));
            return null;
        }
        ArrayNode out = RecordJson.NODES.arrayNode();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = part.apply(path + "[" + i + "]", node.get(i));
            if (p == null) {
                return null;
            }
            out.add(p);
        }
        return out;
    }

    private JsonNode line(String path, JsonNode node) {
        if (!node.isArray() || node.size() < 2) {
            c.error(path, "a line needs at least 2 positions");
            return null;
        }
        return each(path, node, 2, this::position);
    }

    private JsonNode polygon(String path, JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            c.error(path, "a polygon needs at least one linear ring");
            return null;
        }
        return each(path, node, 1, this::ring);
    }

    private JsonNode ring(String path, JsonNode node) {
        if (!node.isArray() || node.size() < 4) {
            c.error(path, "a linear ring needs at least 4 positions");
            return null;
        }
        JsonNode ring = each(path, node, 4, this::position);
        if (ring != null && !ring.get(0).equals(ring.get(ring.size() - 1))) {
            c.error(path, "a linear ring must be closed: its last position must equal its first");
            return null;
        }
        return ring;
    }

    private JsonNode position(String path, JsonNode node) {
        if (++positions > MAX_POSITIONS) {
            c.error(path, "a geometry may have at most " + MAX_POSITIONS + " positions");
            return null;
        }
        if (!node.isArray() || node.size() < 2 || node.size() > 3) {
            c.error(path, "a position must be [longitude, latitude] or [longitude, latitude, altitude]");
            return null;
        }
        for (JsonNode n : node) {
            if (!n.isNumber()) {
                c.error(path, "a position must contain only numbers");
                return null;
            }
        }
        BigDecimal lon = node.get(0).decimalValue();
        BigDecimal lat = node.get(1).decimalValue();
        if (lon.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
            c.error(path, "longitude " + lon.toPlainString() + " is outside -180..180");
            return null;
        }
        if (lat.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
            c.error(path, "latitude " + lat.toPlainString()
                    + " is outside -90..90 (GeoJSON is [longitude, latitude]; CAP writes latitude first)");
            return null;
        }
        ArrayNode out = RecordJson.NODES.arrayNode();
        for (JsonNode n : node) {
            out.add(CanonicalJson.number(n.decimalValue()));
        }
        return out;
    }
}
