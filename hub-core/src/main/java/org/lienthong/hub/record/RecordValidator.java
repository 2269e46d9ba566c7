package org.lienthong.hub.record;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.lienthong.hub.api.schema.AdminCode;
import org.lienthong.hub.api.schema.Certainty;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Domain;
import org.lienthong.hub.api.schema.HazardCode;
import org.lienthong.hub.api.schema.ImpactMetric;
import org.lienthong.hub.api.schema.IncidentStatus;
import org.lienthong.hub.api.schema.MsgType;
import org.lienthong.hub.api.schema.Pillar;
import org.lienthong.hub.api.schema.ResourceCategory;
import org.lienthong.hub.api.schema.ResourceStatus;
import org.lienthong.hub.api.schema.ResponseType;
import org.lienthong.hub.api.schema.Severity;
import org.lienthong.hub.api.schema.ThreatStatus;
import org.lienthong.hub.api.schema.Urgency;
import org.lienthong.hub.api.schema.Vocabulary;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.FieldChecks.Value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a client's record against canonical schema v1 (SCHEMA.md) and returns it in its stored form.
 *
 * <p>
 * Every problem in the body is collected, so one 400 names every bad field. What the validator accepts is normalised,
 * so that two bodies meaning the same thing store and hash the same: timestamps become UTC with {@code Z}, numbers lose
 * trailing zeros, explicit {@code null}s are dropped. Fields the hub sets ({@code version}, {@code createdAt},
 * {@code updatedAt}, {@code deleted}, {@code provenance}) are accepted and ignored, so a client may send back what it
 * read. Any other unknown field is an error: a typo must not be silently lost.
 *
 * <p>
 * The vocabularies and the hazard-code form come from the schema in {@code hub-api}; single values are checked by
 * {@link FieldChecks}, geometries by {@link GeometryRules}.
 */
@ApplicationScoped
public class RecordValidator {

    /**
     * A body that passed validation.
     *
     * @param owner
     *            organisation code, or {@code null} to use the caller's
     * @param classification
     *            or {@code null} for the default
     * @param sourceSystem
     *            with {@code sourceId}: the client's source reference, both {@code null} when absent
     * @param id
     *            the {@code id} the client sent, lower-case, or {@code null}
     * @param content
     *            the kind's own fields in stored form
     */
    public record ValidatedRecord(String owner, String classification, String sourceSystem, String sourceId, String id,
            ObjectNode content) {
    }

    static final int SHORT_TEXT = 500;
    static final int LONG_TEXT = 20_000;

    private static final Set<String> CLASSIFICATIONS = Set.copyOf(Vocabulary.wireValues(Classification.class));

    public ValidatedRecord validate(String kind, JsonNode body) {
        if (!body.isObject()) {
            throw HubException.invalid("", "the body must be a JSON object (one record)");
        }
        FieldChecks c = new FieldChecks();
        ObjectNode in = (ObjectNode) body;

        String id = null;
        JsonNode idNode = present(in, "id");
        if (idNode != null) {
            id = c.uuid("id", idNode);
        }
        JsonNode kindNode = present(in, "kind");
        if (kindNode != null && !(kindNode.isTextual() && kindNode.textValue().equals(kind))) {
            c.error("kind", "must be \"" + kind + "\" for this collection (or be left out)");
        }
        String owner = null;
        JsonNode ownerNode = present(in, "owner");
        if (ownerNode != null) {
            owner = c.orgCode("owner", ownerNode);
        }
        String classification = null;
        JsonNode classNode = present(in, "classification");
        if (classNode != null) {
            classification = c.oneOf("classification", classNode, CLASSIFICATIONS);
        }
        String system = null;
        String sourceId = null;
        JsonNode refNode = present(in, "sourceRef");
        if (refNode != null) {
            ObjectNode ref = c.object("sourceRef", refNode, Set.of("system", "id"));
            if (ref != null) {
                system = c.sourceRefPart("sourceRef.system", ref.get("system"));
                sourceId = c.sourceRefPart("sourceRef.id", ref.get("id"));
            }
        }

        Map<String, FieldRule> rules = switch (kind) {
        case RecordKinds.THREAT -> THREAT;
        case RecordKinds.INCIDENT -> INCIDENT;
        case RecordKinds.RESOURCE -> RESOURCE;
        default -> throw new IllegalArgumentException(kind);
        };
        ObjectNode content = RecordJson.NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : in.properties()) {
            String name = field.getKey();
            if (ENVELOPE.contains(name)) {
                continue;
            }
            if (!rules.containsKey(name)) {
                c.error(name, "is not a field of " + (kind.equals(RecordKinds.INCIDENT) ? "an " : "a ") + kind
                        + " (see SCHEMA.md)");
            }
        }
        for (Map.Entry<String, FieldRule> rule : rules.entrySet()) {
            String name = rule.getKey();
            JsonNode value = present(in, name);
            if (value == null) {
                if (rule.getValue().required()) {
                    c.error(name, "is required");
                }
                continue;
            }
            JsonNode clean = rule.getValue().check().apply(c, new Value(name, value));
            if (clean != null) {
                content.set(name, clean);
            }
        }
        crossFieldRules(kind, content, c);
        c.throwIfAny();
        return new ValidatedRecord(owner, classification, system, sourceId,
                id == null ? null : id.toLowerCase(java.util.Locale.ROOT), content);
    }

    /** Checks a source reference taken from a URL path. */
    /**
     * Checks a location ({@code {description, adminCodes, geometry}}, as a record's) given under {@code path} in some
     * other body (a station's); a 400 naming every bad member, else its stored form.
     */
    public static ObjectNode checkLocation(String path, JsonNode location) {
        FieldChecks c = new FieldChecks();
        if (location == null || location.isNull()) {
            c.error(path, "is required");
            c.throwIfAny();
        }
        JsonNode clean = object(PLACE).apply(c, new Value(path, location));
        c.throwIfAny();
        return (ObjectNode) clean;
    }

    public static void checkSourceRef(String system, String id) {
        FieldChecks c = new FieldChecks();
        c.sourceRefPart("system", RecordJson.NODES.textNode(system));
        c.sourceRefPart("sourceId", RecordJson.NODES.textNode(id));
        c.throwIfAny();
    }

    private static final Set<String> ENVELOPE = Set.of("id", "kind", "owner", "classification", "sourceRef", "version",
            "createdAt", "updatedAt", "deleted", "provenance");

    private static void crossFieldRules(String kind, ObjectNode content, FieldChecks c) {
        switch (kind) {
        case RecordKinds.THREAT -> {
            notBefore(c, content, "expires", "effective");
            notBefore(c, content, "expires", "onset");
        }
        case RecordKinds.INCIDENT -> {
            notBefore(c, content, "endedAt", "occurredAt");
            notBefore(c, content, "reportedAt", "occurredAt");
        }
        case RecordKinds.RESOURCE -> {
            JsonNode quantity = content.get("quantity");
            JsonNode available = content.get("available");
            if (quantity != null && available != null
                    && available.decimalValue().compareTo(quantity.decimalValue()) > 0) {
                c.error("available", "must not exceed quantity (" + quantity.asText() + ")");
            }
        }
        default -> throw new IllegalArgumentException(kind);
        }
    }

    private static void notBefore(FieldChecks c, ObjectNode content, String later, String earlier) {
        JsonNode a = content.get(later);
        JsonNode b = content.get(earlier);
        if (a != null && b != null && Instant.parse(a.textValue()).isBefore(Instant.parse(b.textValue()))) {
            c.error(later, "must not be before " + earlier + " (" + b.textValue() + ")");
        }
    }

    /** The member's value, or {@code null} when it is absent or JSON {@code null}. */
    private static JsonNode present(JsonNode object, String name) {
        JsonNode v = object.get(name);
        return v == null || v.isNull() ? null : v;
    }

    // ------------------------------------------------------------------ field rules

    private record FieldRule(boolean required, BiFunction<FieldChecks, Value, JsonNode> check) {
    }

    private static BiFunction<FieldChecks, Value, JsonNode> shortText() {
        return (c, v) -> c.text(v.path(), v.node(), SHORT_TEXT, false);
    }

    private static BiFunction<FieldChecks, Value, JsonNode> longText() {
        return (c, v) -> c.text(v.path(), v.node(), LONG_TEXT, true);
    }

    /** One of the wire values of {@code vocabulary}. */
    private static <E extends Enum<E>> BiFunction<FieldChecks, Value, JsonNode> oneOf(Class<E> vocabulary) {
        Set<String> allowed = Set.copyOf(Vocabulary.wireValues(vocabulary));
        return (c, v) -> text(c.oneOf(v.path(), v.node(), allowed));
    }

    private static BiFunction<FieldChecks, Value, JsonNode> time() {
        return (c, v) -> text(c.timestamp(v.path(), v.node()));
    }

    private static BiFunction<FieldChecks, Value, JsonNode> uuid() {
        return (c, v) -> text(c.uuid(v.path(), v.node()));
    }

    private static BiFunction<FieldChecks, Value, JsonNode> hazardCode() {
        return (c, v) -> {
            String s = c.string(v.path(), v.node(), 64);
            if (s != null && !HazardCode.matches(s)) {
                c.error(v.path(), "must be a HIP code such as MH0309 or a national code such as VN-DRUG");
                return null;
            }
            return text(s);
        };
    }

    private static BiFunction<FieldChecks, Value, JsonNode> riskLevel() {
        return (c, v) -> c.integer(v.path(), v.node(), 1, 5);
    }

    private static BiFunction<FieldChecks, Value, JsonNode> nonNegative() {
        return (c, v) -> c.number(v.path(), v.node(), true);
    }

    private static BiFunction<FieldChecks, Value, JsonNode> bool() {
        return (c, v) -> {
            if (!v.node().isBoolean()) {
                c.error(v.path(), "must be true or false");
                return null;
            }
            return v.node();
        };
    }

    private static BiFunction<FieldChecks, Value, JsonNode> list(BiFunction<FieldChecks, Value, JsonNode> item,
            boolean unique) {
        return (c, v) -> c.list(v.path(), v.node(), item, unique);
    }

    private static BiFunction<FieldChecks, Value, JsonNode> object(Map<String, FieldRule> members) {
        return (c, v) -> {
            ObjectNode o = c.object(v.path(), v.node(), members.keySet());
            if (o == null) {
                return null;
            }
            ObjectNode out = RecordJson.NODES.objectNode();
            for (Map.Entry<String, FieldRule> rule : members.entrySet()) {
                JsonNode member = present(o, rule.getKey());
                String path = v.path() + "." + rule.getKey();
                if (member == null) {
                    if (rule.getValue().required()) {
                        c.error(path, "is required");
                    }
                    continue;
                }
                JsonNode clean = rule.getValue().check().apply(c, new Value(path, member));
                if (clean != null) {
                    out.set(rule.getKey(), clean);
                }
            }
            return out;
        };
    }

    private static BiFunction<FieldChecks, Value, JsonNode> adminCode() {
        return (c, v) -> {
            String s = c.string(v.path(), v.node(), 64);
            if (s != null && !AdminCode.matches(s)) {
                c.error(v.path(), "must be an administrative unit code (letters, digits, '.', '_' or '-')");
                return null;
            }
            return text(s);
        };
    }

    private static BiFunction<FieldChecks, Value, JsonNode> orgCode() {
        return (c, v) -> text(c.orgCode(v.path(), v.node()));
    }

    private static BiFunction<FieldChecks, Value, JsonNode> geometry() {
        return (c, v) -> new GeometryRules(c).geometry(v.path(), v.node(), 0);
    }

    private static final Map<String, FieldRule> PLACE = rules(r -> {
        r.opt("description", shortText());
        r.opt("adminCodes", list(adminCode(), true));
        r.opt("geometry", geometry());
    });

    private static final Map<String, FieldRule> INDICATOR = rules(r -> {
        r.req("code", shortText());
        r.req("value", (c, v) -> c.number(v.path(), v.node(), false));
        r.opt("unit", shortText());
        r.opt("observedAt", time());
    });

    private static final Map<String, FieldRule> CAP_ALERT = rules(r -> {
        r.req("identifier", shortText());
        r.req("sender", shortText());
        r.req("sent", time());
        r.req("msgType", oneOf(MsgType.class));
        r.opt("references", list(shortText(), false));
    });

    private static final Map<String, FieldRule> IMPACT = rules(r -> {
        r.req("metric", oneOf(ImpactMetric.class));
        r.req("value", nonNegative());
        r.opt("unit", shortText());
        r.opt("asOf", time());
        r.opt("estimated", bool());
    });

    private static final Map<String, FieldRule> COMMAND = rules(r -> {
        r.opt("post", shortText());
        r.opt("commanderOrg", orgCode());
        r.opt("contact", shortText());
    });

    private static final Map<String, FieldRule> ASSIGNMENT = rules(r -> {
        r.req("incidentId", uuid());
        r.opt("since", time());
    });

    private static final Map<String, FieldRule> THREAT = rules(r -> {
        r.req("title", shortText());
        r.opt("description", longText());
        r.opt("instruction", longText());
        r.req("hazardCode", hazardCode());
        r.req("domain", oneOf(Domain.class));
        r.opt("status", oneOf(ThreatStatus.class));
        r.opt("riskLevel", riskLevel());
        r.opt("urgency", oneOf(Urgency.class));
        r.opt("severity", oneOf(Severity.class));
        r.opt("certainty", oneOf(Certainty.class));
        r.opt("responseTypes", list(oneOf(ResponseType.class), true));
        r.opt("effective", time());
        r.opt("onset", time());
        r.opt("expires", time());
        r.opt("areas", list(object(PLACE), false));
        r.opt("indicators", list(object(INDICATOR), false));
        r.opt("alert", object(CAP_ALERT));
        r.opt("dataGapSince", time());
        r.opt("exercise", bool());
    });

    private static final Map<String, FieldRule> INCIDENT = rules(r -> {
        r.req("title", shortText());
        r.opt("description", longText());
        r.req("hazardCode", hazardCode());
        r.req("domain", oneOf(Domain.class));
        r.opt("threatIds", list(uuid(), true));
        r.opt("status", oneOf(IncidentStatus.class));
        r.opt("riskLevel", riskLevel());
        r.req("occurredAt", time());
        r.opt("reportedAt", time());
        r.opt("endedAt", time());
        r.opt("location", object(PLACE));
        r.opt("impacts", list(object(IMPACT), false));
        r.opt("command", object(COMMAND));
        r.opt("resourceIds", list(uuid(), true));
    });

    private static final Map<String, FieldRule> RESOURCE = rules(r -> {
        r.req("name", shortText());
        r.req("pillar", oneOf(Pillar.class));
        r.req("category", oneOf(ResourceCategory.class));
        r.opt("typeCode", shortText());
        r.req("quantity", nonNegative());
        r.opt("available", nonNegative());
        r.opt("unit", shortText());
        r.opt("status", oneOf(ResourceStatus.class));
        r.opt("location", object(PLACE));
        r.opt("reserve", bool());
        r.opt("expiresAt", time());
        r.opt("assignment", object(ASSIGNMENT));
        r.opt("contact", shortText());
    });

    /**
     * The required members of every object in the schema, by the name of its schema in the OpenAPI document; derived
     * from the rules above so that the published contract and the validator cannot disagree.
     */
    public static Map<String, List<String>> requiredMembers() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        Map<String, Map<String, FieldRule>> bySchema = new java.util.LinkedHashMap<>();
        bySchema.put("Threat", THREAT);
        bySchema.put("Incident", INCIDENT);
        bySchema.put("Resource", RESOURCE);
        bySchema.put("Area", PLACE);
        bySchema.put("Location", PLACE);
        bySchema.put("Indicator", INDICATOR);
        bySchema.put("CapAlertRef", CAP_ALERT);
        bySchema.put("Impact", IMPACT);
        bySchema.put("Command", COMMAND);
        bySchema.put("Assignment", ASSIGNMENT);
        bySchema.forEach((name, rules) -> out.put(name,
                rules.entrySet().stream().filter(e -> e.getValue().required()).map(Map.Entry::getKey).toList()));
        out.put("SourceRef", List.of("system", "id"));
        return out;
    }

    /** Collects field rules in the order they are declared. */
    private static final class RuleTable {
        private final Map<String, FieldRule> rules = new java.util.LinkedHashMap<>();

        void req(String name, BiFunction<FieldChecks, Value, JsonNode> check) {
            rules.put(name, new FieldRule(true, check));
        }

        void opt(String name, BiFunction<FieldChecks, Value, JsonNode> check) {
            rules.put(name, new FieldRule(false, check));
        }
    }

    private static Map<String, FieldRule> rules(Consumer<RuleTable> declare) {
        RuleTable table = new RuleTable();
        declare.accept(table);
        return java.util.Collections.unmodifiableMap(table.rules);
    }

    private static JsonNode text(String s) {
        return s == null ? null : RecordJson.NODES.textNode(s);
    }
}
