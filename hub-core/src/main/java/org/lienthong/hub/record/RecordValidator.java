package org.lienthong.hub.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.org.OrganizationCodes;
import org.lienthong.hub.security.Clearance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 */
@ApplicationScoped
public class RecordValidator {

    /** Whether the body creates a record or replaces one; the rules are the same today. */
    public enum Mode {
        CREATE, UPDATE
    }

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

    static final Set<String> HUB_SET = Set.of("version", "createdAt", "updatedAt", "deleted", "provenance");
    static final Set<String> CLASSIFICATIONS = Set.copyOf(Clearance.LEVELS);

    static final Pattern HAZARD_CODE = Pattern.compile("[A-Z]{2}[0-9]{4}|VN-[A-Z0-9]+(-[A-Z0-9]+)*");
    static final Pattern ADMIN_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** RFC 3339 date-time: full date, {@code T}, time, optional fraction, {@code Z} or an offset. */
    static final Pattern RFC3339 = Pattern
            .compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    static final int SHORT_TEXT = 500;
    static final int LONG_TEXT = 20_000;
    static final int MAX_ITEMS = 1_000;
    static final int MAX_POSITIONS = 100_000;

    private static final Set<String> DOMAINS = Set.of("geology", "climate", "environment", "water", "energy", "health",
            "crime", "cyber", "food", "finance", "other");
    private static final Set<String> THREAT_STATUS = Set.of("monitoring", "warning", "active", "contained", "ended");
    private static final Set<String> INCIDENT_STATUS = Set.of("reported", "verified", "responding", "recovering",
            "closed");
    private static final Set<String> RESOURCE_STATUS = Set.of("available", "reserved", "deployed", "unavailable",
            "maintenance", "depleted");
    private static final Set<String> URGENCY = Set.of("Immediate", "Expected", "Future", "Past", "Unknown");
    private static final Set<String> SEVERITY = Set.of("Extreme", "Severe", "Moderate", "Minor", "Unknown");
    private static final Set<String> CERTAINTY = Set.of("Observed", "Likely", "Possible", "Unlikely", "Unknown");
    private static final Set<String> RESPONSE_TYPES = Set.of("Shelter", "Evacuate", "Prepare", "Execute", "Avoid",
            "Monitor", "Assess", "AllClear", "None");
    private static final Set<String> MSG_TYPES = Set.of("Alert", "Update", "Cancel", "Ack", "Error");
    private static final Set<String> PILLARS = Set.of("command", "forces", "materials", "logistics");
    private static final Set<String> CATEGORIES = Set.of("personnel", "team", "vehicle", "equipment", "supply",
            "facility", "shelter", "funds");
    private static final Set<String> METRICS = Set.of("deaths", "missing", "injured", "affected", "evacuated",
            "displaced", "sheltered", "housesDamaged", "housesDestroyed", "cropsHa", "livestock", "roadsKm",
            "economicLossVnd");

    public ValidatedRecord validate(String kind, JsonNode body, Mode mode) {
        if (!body.isObject()) {
            throw HubException.invalid("", "the body must be a JSON object (one record)");
        }
        Check c = new Check();
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
    public static void checkSourceRef(String system, String id) {
        Check c = new Check();
        c.sourceRefPart("system", RecordJson.NODES.textNode(system));
        c.sourceRefPart("sourceId", RecordJson.NODES.textNode(id));
        c.throwIfAny();
    }

    private static final Set<String> ENVELOPE = Set.of("id", "kind", "owner", "classification", "sourceRef", "version",
            "createdAt", "updatedAt", "deleted", "provenance");

    private static void crossFieldRules(String kind, ObjectNode content, Check c) {
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

    private static void notBefore(Check c, ObjectNode content, String later, String earlier) {
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

    private record Value(String path, JsonNode node) {
    }

    private record FieldRule(boolean required, BiFunction<Check, Value, JsonNode> check) {
    }

    private static BiFunction<Check, Value, JsonNode> shortText() {
        return (c, v) -> c.text(v.path(), v.node(), SHORT_TEXT, false);
    }

    private static BiFunction<Check, Value, JsonNode> longText() {
        return (c, v) -> c.text(v.path(), v.node(), LONG_TEXT, true);
    }

    private static BiFunction<Check, Value, JsonNode> oneOf(Set<String> allowed) {
        return (c, v) -> text(c.oneOf(v.path(), v.node(), allowed));
    }

    private static BiFunction<Check, Value, JsonNode> time() {
        return (c, v) -> text(c.timestamp(v.path(), v.node()));
    }

    private static BiFunction<Check, Value, JsonNode> uuid() {
        return (c, v) -> text(c.uuid(v.path(), v.node()));
    }

    private static BiFunction<Check, Value, JsonNode> hazardCode() {
        return (c, v) -> {
            String s = c.string(v.path(), v.node(), 64);
            if (s != null && !HAZARD_CODE.matcher(s).matches()) {
                c.error(v.path(), "must be a HIP code such as MH0309 or a national code such as VN-DRUG");
                return null;
            }
            return text(s);
        };
    }

    private static BiFunction<Check, Value, JsonNode> riskLevel() {
        return (c, v) -> c.integer(v.path(), v.node(), 1, 5);
    }

    private static BiFunction<Check, Value, JsonNode> nonNegative() {
        return (c, v) -> c.number(v.path(), v.node(), true);
    }

    private static BiFunction<Check, Value, JsonNode> bool() {
        return (c, v) -> {
            if (!v.node().isBoolean()) {
                c.error(v.path(), "must be true or false");
                return null;
            }
            return v.node();
        };
    }

    private static BiFunction<Check, Value, JsonNode> list(BiFunction<Check, Value, JsonNode> item, boolean unique) {
        return (c, v) -> c.list(v.path(), v.node(), item, unique);
    }

    private static BiFunction<Check, Value, JsonNode> object(Map<String, FieldRule> members) {
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

    private static BiFunction<Check, Value, JsonNode> adminCode() {
        return (c, v) -> {
            String s = c.string(v.path(), v.node(), 64);
            if (s != null && !ADMIN_CODE.matcher(s).matches()) {
                c.error(v.path(), "must be an administrative unit code (letters, digits, '.', '_' or '-')");
                return null;
            }
            return text(s);
        };
    }

    private static BiFunction<Check, Value, JsonNode> orgCode() {
        return (c, v) -> text(c.orgCode(v.path(), v.node()));
    }

    private static BiFunction<Check, Value, JsonNode> geometry() {
        return (c, v) -> new Geo(c).geometry(v.path(), v.node(), 0);
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
        r.req("msgType", oneOf(MSG_TYPES));
        r.opt("references", list(shortText(), false));
    });

    private static final Map<String, FieldRule> IMPACT = rules(r -> {
        r.req("metric", oneOf(METRICS));
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
        r.req("domain", oneOf(DOMAINS));
        r.opt("status", oneOf(THREAT_STATUS));
        r.opt("riskLevel", riskLevel());
        r.opt("urgency", oneOf(URGENCY));
        r.opt("severity", oneOf(SEVERITY));
        r.opt("certainty", oneOf(CERTAINTY));
        r.opt("responseTypes", list(oneOf(RESPONSE_TYPES), true));
        r.opt("effective", time());
        r.opt("onset", time());
        r.opt("expires", time());
        r.opt("areas", list(object(PLACE), false));
        r.opt("indicators", list(object(INDICATOR), false));
        r.opt("alert", object(CAP_ALERT));
    });

    private static final Map<String, FieldRule> INCIDENT = rules(r -> {
        r.req("title", shortText());
        r.opt("description", longText());
        r.req("hazardCode", hazardCode());
        r.req("domain", oneOf(DOMAINS));
        r.opt("threatIds", list(uuid(), true));
        r.opt("status", oneOf(INCIDENT_STATUS));
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
        r.req("pillar", oneOf(PILLARS));
        r.req("category", oneOf(CATEGORIES));
        r.opt("typeCode", shortText());
        r.req("quantity", nonNegative());
        r.opt("available", nonNegative());
        r.opt("unit", shortText());
        r.opt("status", oneOf(RESOURCE_STATUS));
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

        void req(String name, BiFunction<Check, Value, JsonNode> check) {
            rules.put(name, new FieldRule(true, check));
        }

        void opt(String name, BiFunction<Check, Value, JsonNode> check) {
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

    // ------------------------------------------------------------------ primitive checks

    /** Collects errors; every method returns the clean value, or {@code null} after recording an error. */
    static final class Check {
        private final List<FieldError> errors = new ArrayList<>();

        void error(String field, String message) {
            if (errors.size() < 100) {
                errors.add(new FieldError(field, message));
            }
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw HubException.invalid(List.copyOf(errors));
            }
        }

        String string(String path, JsonNode node, int max) {
            return checkedText(path, node, max, false);
        }

        JsonNode text(String path, JsonNode node, int max, boolean multiline) {
            String s = checkedText(path, node, max, multiline);
            return s == null ? null : RecordJson.NODES.textNode(s);
        }

        private String checkedText(String path, JsonNode node, int max, boolean multiline) {
            if (!node.isTextual()) {
                error(path, "must be a string");
                return null;
            }
            String s = node.textValue();
            if (s.isBlank()) {
                error(path, "must not be empty (leave the field out instead)");
                return null;
            }
            if (s.codePointCount(0, s.length()) > max) {
                error(path, "must be at most " + max + " characters");
                return null;
            }
            return controlFree(path, s, multiline);
        }

        /**
         * Rejects NUL, other C0/C1 controls (line breaks and tabs too unless {@code multiline}), lone surrogates and
         * Unicode non-characters: PostgreSQL cannot store NUL, and the rest only ever arrives by mistake.
         */
        String controlFree(String path, String s, boolean multiline) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                boolean allowedBreak = multiline && (ch == '\n' || ch == '\r' || ch == '\t');
                if ((Character.isISOControl(ch) && !allowedBreak) || ch == '\uFFFE' || ch == '\uFFFF') {
                    error(path, String.format("must not contain the control character U+%04X", (int) ch));
                    return null;
                }
                if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(ch)) {
                    error(path, "must be valid Unicode (it contains a lone surrogate)");
                    return null;
                }
            }
            return s;
        }

        String oneOf(String path, JsonNode node, Set<String> allowed) {
            if (!node.isTextual() || !allowed.contains(node.textValue())) {
                error(path, "must be one of " + String.join(", ", sorted(allowed)));
                return null;
            }
            return node.textValue();
        }

        String timestamp(String path, JsonNode node) {
            if (!node.isTextual() || !RFC3339.matcher(node.textValue()).matches()) {
                error(path, "must be an RFC 3339 timestamp such as 2026-11-22T08:00:00Z");
                return null;
            }
            try {
                Instant instant = OffsetDateTime.parse(node.textValue().toUpperCase(java.util.Locale.ROOT),
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                return CanonicalJson.formatInstant(instant);
            } catch (DateTimeParseException e) {
                error(path, "is not a real date and time (" + node.textValue() + ")");
                return null;
            }
        }

        String uuid(String path, JsonNode node) {
            if (!node.isTextual() || !UUID_TEXT.matcher(node.textValue()).matches()) {
                error(path, "must be a UUID such as 0192f3e4-5b6c-7d8e-9f00-112233445566");
                return null;
            }
            return UUID.fromString(node.textValue()).toString();
        }

        String orgCode(String path, JsonNode node) {
            String s = string(path, node, 128);
            if (s != null && !OrganizationCodes.isValid(s)) {
                error(path, "must be an organisation code: lower-case, dotted, such as vn.hn or vn.moh");
                return null;
            }
            return s;
        }

        String sourceRefPart(String path, JsonNode node) {
            if (node == null || node.isNull()) {
                error(path, "is required");
                return null;
            }
            return string(path, node, 256);
        }

        JsonNode number(String path, JsonNode node, boolean nonNegative) {
            if (!node.isNumber()) {
                error(path, "must be a number");
                return null;
            }
            BigDecimal value = node.decimalValue();
            if (nonNegative && value.signum() < 0) {
                error(path, "must not be negative");
                return null;
            }
            if (value.abs().compareTo(BigDecimal.TEN.pow(18)) >= 0) {
                error(path, "must be less than 10^18 in magnitude");
                return null;
            }
            return CanonicalJson.number(value);
        }

        JsonNode integer(String path, JsonNode node, int min, int max) {
            boolean integral = node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0;
            if (!integral || node.decimalValue().compareTo(BigDecimal.valueOf(min)) < 0
                    || node.decimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
                error(path, "must be an integer from " + min + " to " + max);
                return null;
            }
            return RecordJson.NODES.numberNode(node.decimalValue().intValueExact());
        }

        ObjectNode object(String path, JsonNode node, Set<String> members) {
            if (!node.isObject()) {
                error(path, "must be an object");
                return null;
            }
            boolean ok = true;
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!members.contains(name)) {
                    error(path + "." + name,
                            "is not a known member of " + path + " (allowed: " + String.join(", ", members) + ")");
                    ok = false;
                }
            }
            return ok ? (ObjectNode) node : null;
        }

        JsonNode list(String path, JsonNode node, BiFunction<Check, Value, JsonNode> item, boolean unique) {
            if (!node.isArray()) {
                error(path, "must be a list");
                return null;
            }
            if (node.size() > MAX_ITEMS) {
                error(path, "must have at most " + MAX_ITEMS + " items");
                return null;
            }
            ArrayNode out = RecordJson.NODES.arrayNode();
            Set<JsonNode> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String itemPath = path + "[" + i + "]";
                JsonNode element = node.get(i);
                if (element.isNull()) {
                    error(itemPath, "must not be null");
                    continue;
                }
                JsonNode clean = item.apply(this, new Value(itemPath, element));
                if (clean == null) {
                    continue;
                }
                if (unique && !seen.add(clean)) {
                    error(itemPath, "is listed twice");
                    continue;
                }
                out.add(clean);
            }
            return out;
        }

        private static List<String> sorted(Set<String> values) {
            return values.stream().sorted().toList();
        }
    }

    /** GeoJSON geometry (RFC 7946) with WGS 84 {@code [lon, lat]} positions. */
    static final class Geo {
        private static final Set<String> TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
                "Polygon", "MultiPolygon", "GeometryCollection");
        private final Check c;
        private int positions;

        Geo(Check c) {
            this.c = c;
        }

        JsonNode geometry(String path, JsonNode node, int depth) {
            ObjectNode o = c.object(path, node, Set.of("type", "coordinates", "geometries", "bbox"));
            if (o == null) {
                return null;
            }
            JsonNode typeNode = o.get("type");
            if (typeNode == null || !typeNode.isTextual() || !TYPES.contains(typeNode.textValue())) {
                c.error(path + ".type", "must be one of " + String.join(", ", Check.sorted(TYPES)));
                return null;
            }
            String type = typeNode.textValue();
            ObjectNode out = RecordJson.NODES.objectNode();
            out.put("type", type);
            if (o.has("bbox")) {
                c.error(path + ".bbox", "is not supported; leave it out (the hub computes extents itself)");
                return null;
            }
            if (type.equals("GeometryCollection")) {
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
            case "Point" -> position(cp, coords);
            case "MultiPoint" -> each(cp, coords, 0, this::position);
            case "LineString" -> line(cp, coords);
            case "MultiLineString" -> each(cp, coords, 0, this::line);
            case "Polygon" -> polygon(cp, coords);
            case "MultiPolygon" -> each(cp, coords, 1, this::polygon);
            default -> throw new IllegalStateException(type);
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
}
