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
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.org.OrganizationCodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The checks of single values that {@link RecordValidator} and {@link GeometryRules} are built from. Collects errors;
 * every method returns the clean value, or {@code null} after recording an error.
 */
final class FieldChecks {

    static final int MAX_ITEMS = 1_000;

    static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** RFC 3339 date-time: full date, {@code T}, time, optional fraction, {@code Z} or an offset. */
    static final Pattern RFC3339 = Pattern
            .compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    /** A value to check and the path of the field it came from, for error messages. */
    record Value(String path, JsonNode node) {
    }

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
            Instant instant = OffsetDateTime
                    .parse(node.textValue().toUpperCase(java.util.Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
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

    JsonNode list(String path, JsonNode node, BiFunction<FieldChecks, Value, JsonNode> item, boolean unique) {
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

    static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
