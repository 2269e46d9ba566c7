package org.lienthong.hub.record;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.lienthong.hub.api.json.JsonNumbers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The canonical JSON that version hashes are computed over: RFC 8785, the JSON Canonicalization Scheme (JCS). Every hub
 * in the federation and every auditor's JCS library must produce the same bytes for the same version, so this is part
 * of the wire contract; it is pinned by the RFC's and the reference implementation's vectors in {@code fixtures/jcs}
 * ({@code CanonicalJsonTest}).
 *
 * <ol>
 * <li>Objects: members sorted by key, compared as UTF-16 code units ({@link String#compareTo}).</li>
 * <li>No insignificant whitespace: {@code {"a":1,"b":[true,false]}}.</li>
 * <li>Strings: UTF-8; only {@code "}, {@code \} and the C0 controls are escaped — {@code \b \f \n \r \t} by name, the
 * other controls as <code>&#92;u00XX</code> with lowercase hex. Text is not Unicode-normalised: what a client sent is
 * what is hashed.</li>
 * <li>Numbers: the IEEE-754 double they denote, written as ECMAScript writes it ({@code 4.5}, {@code 100},
 * {@code 1e+21}, {@code 1e-7}; minus zero is {@code 0}), by {@link JsonNumbers}.</li>
 * </ol>
 *
 * The hub normalises what it hashes before canonicalising (AUDIT.md: the normalisation is applied to the document
 * itself, so the bytes are plain RFC 8785 of a JSON value): {@link #write} leaves out object members whose value is
 * {@code null}, so that adding an optional field later does not change the hash of versions that never had it, and
 * timestamps are strings written by {@link #formatInstant} (UTC, {@code Z}, seconds always present, a fraction only as
 * long as needed). {@link #rfc8785} is the scheme alone, nulls kept.
 */
public final class CanonicalJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private CanonicalJson() {
    }

    /** Canonical UTF-8 bytes of a JSON tree. */
    public static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    /** Canonical text of a JSON tree after the hub's normalisation: object members that are {@code null} left out. */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        append(out, node, false);
        return out.toString();
    }

    /** RFC 8785 text of a JSON tree, exactly: nothing left out. */
    public static String rfc8785(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        append(out, node, true);
        return out.toString();
    }

    /** Lowercase hex SHA-256 of the canonical form. */
    public static String sha256(JsonNode node) {
        return sha256Hex(write(node));
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of a text that is already canonical. */
    public static String sha256Hex(String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The hub's text of a timestamp: UTC, {@code Z}, seconds always, a fraction only as long as needed. */
    public static String formatInstant(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(30);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year outside 0000-9999: " + year);
        }
        pad(out, year, 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            out.append('.');
            pad(out, nanos, digits);
        }
        return out.append('Z').toString();
    }

    /** Integers up to 2^53 in magnitude are doubles exactly, and ECMAScript writes them as integers. */
    private static final long EXACT_INTEGERS = 1L << 53;

    /**
     * A number node holding what {@code value} denotes in JSON as RFC 8785 reads it: the nearest IEEE-754 double (an
     * integer up to 2^53 in magnitude stays a long). What the hub stores is then what it hashes and what it returns.
     */
    public static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(EXACT_INTEGERS)) <= 0) {
            return NODES.numberNode(stripped.longValueExact());
        }
        double d = value.doubleValue();
        if (Double.isInfinite(d)) {
            throw new IllegalArgumentException("a number beyond the range of IEEE-754 doubles: " + value);
        }
        return NODES.numberNode(d == 0 ? 0.0 : d);
    }

    /** The RFC 8785 text of a double: ECMAScript's Number serialisation ({@link JsonNumbers}). */
    public static String formatNumber(double value) {
        return JsonNumbers.ecmaScript(value);
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    private static void append(StringBuilder out, JsonNode node, boolean keepNulls) {
        switch (node.getNodeType()) {
        case OBJECT -> {
            List<String> keys = new ArrayList<>(node.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isMissingNode() && (keepNulls || !e.getValue().isNull())) {
                    keys.add(e.getKey());
                }
            }
            Collections.sort(keys);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendString(out, keys.get(i));
                out.append(':');
                append(out, node.get(keys.get(i)), keepNulls);
            }
            out.append('}');
        }
        case ARRAY -> {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, node.get(i), keepNulls);
            }
            out.append(']');
        }
        case STRING -> appendString(out, node.textValue());
        // an int or a long up to 2^53 is written as ECMAScript writes it: digits, no fraction, no exponent
        case NUMBER -> {
            if ((node.isInt() || node.isLong()) && node.longValue() >= -EXACT_INTEGERS
                    && node.longValue() <= EXACT_INTEGERS) {
                out.append(node.longValue());
            } else {
                out.append(formatNumber(node.doubleValue()));
            }
        }
        case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
        case NULL, MISSING -> out.append("null");
        default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
        }
    }

    static void appendString(StringBuilder out, String s) {
        out.append('"');
        // runs of characters that need no escape are copied at once
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(s, run, s.length());
        out.append('"');
    }
}
