package org.lienthong.hub.warning;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.lienthong.hub.api.schema.AdminCode;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Domain;
import org.lienthong.hub.api.schema.HazardCode;
import org.lienthong.hub.api.schema.Vocabulary;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.org.OrganizationCodes;
import org.lienthong.hub.record.RecordJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a warning rule from a request body and refuses one that cannot be evaluated: every problem is named by its
 * field in one 400 (the body is read as a JSON tree for that reason; a binding would stop at the first). Whether the
 * indicator exists and the caller may write for the owner is the service's to check.
 */
public final class RuleParser {

    static final Set<String> MEMBERS = Set.of("name", "indicator", "stations", "adminCodes", "aggregate", "levels",
            "noDataAfter", "hazardCode", "domain", "title", "instruction", "owner", "classification", "expiresAfter",
            "status", "effectiveFrom", "id", "version", "createdAt", "updatedAt", "author");
    static final Set<String> LEVEL_MEMBERS = Set.of("riskLevel", "above", "below", "clear", "for");
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final Duration MAX_HOLD = Duration.ofDays(7);
    static final int MAX_STATIONS = 10_000;

    private RuleParser() {
    }

    /** The rule, or a 400 naming every bad field. */
    public static WarningRule parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw HubException.invalid("", "the body must be a JSON object (one warning rule)");
        }
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!MEMBERS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of a warning rule (see EARLY-WARNING.md)"));
            }
        });
        String name = text(body, "name", 200, true, errors);
        String indicator = code(body, "indicator", true, errors);
        List<String> stations = codes(body, "stations", errors);
        List<String> adminCodes = list(body, "adminCodes", errors, (path, node) -> {
            if (!node.isTextual() || !AdminCode.matches(node.textValue())) {
                errors.add(new FieldError(path, "must be an administrative unit code"));
                return null;
            }
            return node.textValue();
        });
        if (stations.isEmpty() && adminCodes.isEmpty() && !body.has("stations") && !body.has("adminCodes")) {
            errors.add(new FieldError("stations", "name the stations to watch (stations and/or adminCodes)"));
        }
        WarningRule.Aggregate aggregate = aggregate(body.get("aggregate"), errors);
        List<WarningRule.Level> levels = levels(body.get("levels"), errors);
        Duration noDataAfter = duration(body, "noDataAfter", false, errors);
        String hazardCode = text(body, "hazardCode", 64, true, errors);
        if (hazardCode != null && !HazardCode.matches(hazardCode)) {
            errors.add(new FieldError("hazardCode",
                    "must be a HIP code such as MH0600 or a national code such as VN-DRUG"));
        }
        Domain domain = vocabulary(body, "domain", Domain.class, true, errors);
        String title = text(body, "title", 500, true, errors);
        String instruction = text(body, "instruction", 20_000, false, errors);
        String owner = text(body, "owner", OrganizationCodes.MAX_LENGTH, false, errors);
        if (owner != null && !OrganizationCodes.isValid(owner)) {
            errors.add(new FieldError("owner", "must be an organisation code such as vn.nchmf"));
        }
        Classification classification = vocabulary(body, "classification", Classification.class, false, errors);
        Duration expiresAfter = duration(body, "expiresAfter", false, errors);
        RuleStatus status = vocabulary(body, "status", RuleStatus.class, false, errors);
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        return new WarningRule(name, indicator, stations, adminCodes, aggregate, levels, noDataAfter, hazardCode,
                domain, title, instruction, owner, classification, expiresAfter,
                status == null ? RuleStatus.active : status);
    }

    /** The stored form of a checked rule (what a version holds), with the defaults filled in. */
    public static ObjectNode toJson(WarningRule rule) {
        ObjectNode o = RecordJson.NODES.objectNode();
        o.put("name", rule.name()).put("indicator", rule.indicator());
        ArrayNode stations = o.putArray("stations");
        rule.stations().forEach(stations::add);
        ArrayNode adminCodes = o.putArray("adminCodes");
        rule.adminCodes().forEach(adminCodes::add);
        if (rule.aggregate() != null) {
            o.putObject("aggregate").put("fn", rule.aggregate().fn().name()).put("window",
                    rule.aggregate().window().toString());
        }
        ArrayNode levels = o.putArray("levels");
        for (WarningRule.Level l : rule.levels()) {
            ObjectNode lo = levels.addObject().put("riskLevel", l.riskLevel());
            if (l.above() != null) {
                lo.put("above", l.above());
            } else {
                lo.put("below", l.below());
            }
            lo.put("clear", l.clear()).put("for", l.hold().toString());
        }
        if (rule.noDataAfter() != null) {
            o.put("noDataAfter", rule.noDataAfter().toString());
        }
        o.put("hazardCode", rule.hazardCode()).put("domain", rule.domain().toString()).put("title", rule.title());
        if (rule.instruction() != null) {
            o.put("instruction", rule.instruction());
        }
        o.put("owner", rule.owner()).put("classification", rule.classification().toString());
        if (rule.expiresAfter() != null) {
            o.put("expiresAfter", rule.expiresAfter().toString());
        }
        o.put("status", rule.status().name());
        return o;
    }

    // ------------------------------------------------------------------ parts

    private static WarningRule.Aggregate aggregate(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("aggregate", "must be an object {fn, window}"));
            return null;
        }
        node.fieldNames().forEachRemaining(n -> {
            if (!n.equals("fn") && !n.equals("window")) {
                errors.add(new FieldError("aggregate." + n, "is not a member of aggregate (fn, window)"));
            }
        });
        AggregateFunction fn = vocabulary(node, "fn", AggregateFunction.class, true, errors, "aggregate.fn");
        Duration window = duration(node, "window", fn != null && fn != AggregateFunction.last, errors,
                "aggregate.window");
        if (window != null && window.compareTo(MAX_WINDOW) > 0) {
            errors.add(new FieldError("aggregate.window", "must be at most " + MAX_WINDOW.toDays() + " days"));
            return null;
        }
        return fn == null ? null : new WarningRule.Aggregate(fn, window == null ? Duration.ZERO : window);
    }

    private static List<WarningRule.Level> levels(JsonNode node, List<FieldError> errors) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 5) {
            errors.add(new FieldError("levels", "is required: 1 to 5 levels {riskLevel, above or below, clear, for}"));
            return List.of();
        }
        List<WarningRule.Level> out = new ArrayList<>();
        Boolean rising = null;
        WarningRule.Level previous = null;
        for (int i = 0; i < node.size(); i++) {
            String path = "levels[" + i + "]";
            JsonNode l = node.get(i);
            if (!l.isObject()) {
                errors.add(new FieldError(path, "must be an object {riskLevel, above or below, clear, for}"));
                continue;
            }
            l.fieldNames().forEachRemaining(n -> {
                if (!LEVEL_MEMBERS.contains(n)) {
                    errors.add(new FieldError(path + "." + n,
                            "is not a member of a level (riskLevel, above, below," + " clear, for)"));
                }
            });
            JsonNode risk = l.get("riskLevel");
            int riskLevel = 0;
            if (risk == null || !risk.canConvertToExactIntegral() || risk.asInt() < 1 || risk.asInt() > 5) {
                errors.add(new FieldError(path + ".riskLevel", "must be an integer from 1 to 5"));
            } else {
                riskLevel = risk.asInt();
            }
            BigDecimal above = number(l, "above", path, errors);
            BigDecimal below = number(l, "below", path, errors);
            if ((above == null) == (below == null)) {
                errors.add(
                        new FieldError(path, "give exactly one of above (rising values) and below (falling values)"));
                continue;
            }
            BigDecimal threshold = above != null ? above : below;
            BigDecimal clear = number(l, "clear", path, errors);
            if (clear == null && !l.has("clear")) {
                clear = threshold; // no hysteresis band
            }
            Duration hold = duration(l, "for", false, errors, path + ".for");
            if (hold != null && hold.compareTo(MAX_HOLD) > 0) {
                errors.add(new FieldError(path + ".for", "must be at most " + MAX_HOLD.toDays() + " days"));
            }
            if (riskLevel == 0 || clear == null) {
                continue;
            }
            boolean up = above != null;
            if (rising != null && rising != up) {
                errors.add(new FieldError(path, "every level must use the same direction: all above or all below"));
                continue;
            }
            rising = up;
            if (up ? clear.compareTo(above) > 0 : clear.compareTo(below) < 0) {
                errors.add(new FieldError(path + ".clear",
                        up ? "must not be above the level's threshold (" + above.toPlainString() + "): it is the value"
                                + " that leaves the level"
                                : "must not be below the level's threshold (" + below.toPlainString()
                                        + "): it is the value" + " that leaves the level"));
                continue;
            }
            WarningRule.Level level = new WarningRule.Level(riskLevel, above, below, clear,
                    hold == null ? Duration.ZERO : hold);
            if (previous != null) {
                if (level.riskLevel() <= previous.riskLevel()) {
                    errors.add(new FieldError(path + ".riskLevel",
                            "levels must be listed in increasing riskLevel (after " + previous.riskLevel() + ")"));
                } else if (up ? above.compareTo(previous.above()) <= 0 : below.compareTo(previous.below()) >= 0) {
                    errors.add(new FieldError(path + (up ? ".above" : ".below"), up
                            ? "must be higher than the previous level's (" + previous.above().toPlainString() + ")"
                            : "must be lower than the previous level's (" + previous.below().toPlainString() + ")"));
                }
            }
            previous = level;
            out.add(level);
        }
        return out;
    }

    private static BigDecimal number(JsonNode object, String field, String path, List<FieldError> errors) {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            errors.add(new FieldError(path + "." + field, "must be a number"));
            return null;
        }
        return n.decimalValue().stripTrailingZeros();
    }

    private static Duration duration(JsonNode object, String field, boolean required, List<FieldError> errors) {
        return duration(object, field, required, errors, field);
    }

    private static Duration duration(JsonNode object, String field, boolean required, List<FieldError> errors,
            String path) {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "is required: an ISO 8601 duration such as PT24H"));
            }
            return null;
        }
        try {
            Duration d = Duration.parse(n.asText());
            if (!n.isTextual() || d.isNegative() || (required && d.isZero())) {
                throw new DateTimeParseException("", n.asText(), 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(path,
                    "must be a " + (required ? "positive " : "") + "ISO 8601 duration such as PT30M, PT24H or P1D"));
            return null;
        }
    }

    private static String text(JsonNode object, String field, int max, boolean required, List<FieldError> errors) {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!n.isTextual() || n.textValue().isBlank() || n.textValue().length() > max
                || n.textValue().chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            errors.add(new FieldError(field,
                    "must be text of 1 to " + max + " characters, without control" + " characters"));
            return null;
        }
        return n.textValue();
    }

    private static String code(JsonNode object, String field, boolean required, List<FieldError> errors) {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!n.isTextual() || !Codes.isCode(n.textValue())) {
            errors.add(new FieldError(field, "must be a code: lower-case letters, digits, '.' and '-'"));
            return null;
        }
        return n.textValue();
    }

    private static List<String> codes(JsonNode object, String field, List<FieldError> errors) {
        return list(object, field, errors, (path, node) -> {
            if (!node.isTextual() || !Codes.isCode(node.textValue())) {
                errors.add(new FieldError(path, "must be a station code"));
                return null;
            }
            return node.textValue();
        });
    }

    private interface Item {
        String read(String path, JsonNode node);
    }

    private static List<String> list(JsonNode object, String field, List<FieldError> errors, Item item) {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray() || n.size() > MAX_STATIONS) {
            errors.add(new FieldError(field, "must be a list of at most " + MAX_STATIONS + " codes"));
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < n.size(); i++) {
            String v = item.read(field + "[" + i + "]", n.get(i));
            if (v != null) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    private static <E extends Enum<E>> E vocabulary(JsonNode object, String field, Class<E> type, boolean required,
            List<FieldError> errors) {
        return vocabulary(object, field, type, required, errors, field);
    }

    private static <E extends Enum<E>> E vocabulary(JsonNode object, String field, Class<E> type, boolean required,
            List<FieldError> errors, String path) {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "is required: " + Vocabulary.alternatives(type)));
            }
            return null;
        }
        E value = n.isTextual() ? Vocabulary.fromWireValue(type, n.textValue()).orElse(null) : null;
        if (value == null) {
            errors.add(new FieldError(path, "must be " + Vocabulary.alternatives(type)));
        }
        return value;
    }
}
