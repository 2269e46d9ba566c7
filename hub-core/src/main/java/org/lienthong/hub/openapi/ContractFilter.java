package org.lienthong.hub.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.lienthong.hub.record.RecordValidator;

/**
 * Makes the generated OpenAPI document say what the hub enforces. The schema classes in {@code hub-api} are plain JDK
 * records (no annotations allowed there), so the rules the validator applies are added here: wire values of enums,
 * required members (taken from the validator itself), ranges, patterns, read-only envelope fields, and that unknown
 * members are refused.
 */
public class ContractFilter implements OASFilter {

    private static final Set<String> RECORD_SCHEMAS = Set.of("Threat", "Incident", "Resource");
    private static final Set<String> HUB_SET = Set.of("kind", "version", "createdAt", "updatedAt", "deleted",
            "provenance");
    private static final Map<String, String> ENVELOPE_DOCS = Map.of("id",
            "Assigned by the hub on create and kept across hubs; in a PUT body it must equal the path id.", "kind",
            "threat, incident or resource; set by the hub.", "version",
            "1, 2, 3 …; set by the hub. The ETag is this number in quotes.", "owner",
            "Organisation code of the authoritative organisation, e.g. vn.hn. Defaults to the caller's.",
            "classification",
            "Who may see the record. Defaults to internal on create; kept when left out of an update.", "sourceRef",
            "Identity in the originating system; unique per kind.", "deleted", "Tombstone flag; set by the hub.",
            "provenance", "Provenance of this version; set by the hub.");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        schemas.values().forEach(ContractFilter::wireEnumValues);
        RecordValidator.requiredMembers().forEach((name, required) -> {
            Schema schema = schemas.get(name);
            if (schema != null) {
                schema.setRequired(required.isEmpty() ? null : new ArrayList<>(required));
                schema.setAdditionalPropertiesBoolean(Boolean.FALSE);
            }
        });
        for (String name : RECORD_SCHEMAS) {
            Schema record = schemas.get(name);
            if (record == null || record.getProperties() == null) {
                continue;
            }
            Map<String, Schema> props = record.getProperties();
            props.forEach((field, schema) -> {
                if (HUB_SET.contains(field)) {
                    schema.setReadOnly(Boolean.TRUE);
                }
                if (ENVELOPE_DOCS.containsKey(field)) {
                    schema.setDescription(ENVELOPE_DOCS.get(field));
                }
            });
            range(props.get("riskLevel"), 1, 5,
                    "Vietnamese disaster risk level (Decision 18/2021/QĐ-TTg): 1 light blue … 5 purple.");
            pattern(props.get("owner"), "^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*$");
            pattern(props.get("hazardCode"), "^([A-Z]{2}[0-9]{4}|VN-[A-Z0-9]+(-[A-Z0-9]+)*)$");
            nonNegative(props.get("quantity"));
            nonNegative(props.get("available"));
        }
        Schema impact = schemas.get("Impact");
        if (impact != null && impact.getProperties() != null) {
            nonNegative(impact.getProperties().get("value"));
        }
        Schema geometry = schemas.get("Geometry");
        if (geometry != null && geometry.getProperties() != null && geometry.getProperties().get("type") != null) {
            geometry.setDescription("GeoJSON geometry (RFC 7946), positions are [longitude, latitude].");
            geometry.getProperties().get("type").setEnumeration(List.of("Point", "MultiPoint", "LineString",
                    "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"));
        }
    }

    @Override
    public Parameter filterParameter(Parameter parameter) {
        if ("kinds".equals(parameter.getName()) && parameter.getSchema() != null) {
            parameter.getSchema().setPattern(null);
            parameter.getSchema().setEnumeration(List.of("threats", "incidents", "resources"));
            parameter.setDescription("The record collection / Loại bản ghi");
        }
        return parameter;
    }

    /** Java cannot name constants {@code public} or {@code import}; the schema must show the wire values. */
    private static void wireEnumValues(Schema schema) {
        if (schema.getEnumeration() == null) {
            return;
        }
        List<Object> values = new ArrayList<>();
        for (Object value : schema.getEnumeration()) {
            values.add(value instanceof String s && s.endsWith("_") ? s.substring(0, s.length() - 1) : value);
        }
        schema.setEnumeration(values);
    }

    private static void range(Schema schema, int min, int max, String description) {
        if (schema != null) {
            schema.setMinimum(BigDecimal.valueOf(min));
            schema.setMaximum(BigDecimal.valueOf(max));
            schema.setDescription(description);
        }
    }

    private static void nonNegative(Schema schema) {
        if (schema != null) {
            schema.setMinimum(BigDecimal.ZERO);
        }
    }

    private static void pattern(Schema schema, String regex) {
        if (schema != null) {
            schema.setPattern(regex);
        }
    }
}
