package org.lienthong.hub.record;

import java.math.BigDecimal;
import java.math.BigInteger;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The canonical JSON form that version hashes are computed over. Every hub in the federation must produce the same
 * bytes for the same version, so these rules are part of the wire contract and are pinned by fixed test vectors
 * ({@code CanonicalJsonTest}).
 *
 * <ol>
 * <li>Objects: members sorted by key, compared as UTF-16 code units ({@link String#compareTo}); members whose value is
 * {@code null} are left out, so adding an optional field later does not change the hash of versions that never had
 * it.</li>
 * <li>No insignificant whitespace: {@code {"a":1,"b":[true,false]}}.</li>
 * <li>Strings: UTF-8; only {@code "}, {@code \} and the C0 controls are escaped — {@code \b \f \n
 * \r \t} by name, the other controls as <code>&#92;u00XX</code> with lowercase hex. Text is not Unicode-normalised:
 * what a client sent is what is hashed.</li>
 * <li>Numbers: the exact decimal value with no exponent and no trailing fractional zeros; an integral value has no
 * fraction ({@code 5}, not {@code 5.0}); minus zero is {@code 0}.</li>
 * <li>Timestamps are strings and are written by {@link #formatInstant}: UTC, {@code Z}, seconds always present,
 * fraction only as long as needed ({@code 2026-11-22T08:00:00Z}, {@code 2026-11-22T08:00:00.5Z}).</li>
 * </ol>
 */
public final class CanonicalJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private CanonicalJson() {
    }

    /** Canonical UTF-8 bytes of a JSON tree. */
    public static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    /** Canonical text of a JSON tree. */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        append(out, node);
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

    /** The canonical text of a timestamp (rule 5). */
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

    /** A number node holding the canonical value of {@code value} (rule 4). */
    public static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger integral = stripped.toBigIntegerExact();
            if (integral.bitLength() < 63) {
                return NODES.numberNode(integral.longValue());
            }
            return NODES.numberNode(integral);
        }
        return DecimalNode.valueOf(stripped);
    }

    /** The canonical text of a number (rule 4). */
    public static String formatNumber(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return stripped.toBigIntegerExact().toString();
        }
        return stripped.toPlainString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    private static void append(StringBuilder out, JsonNode node) {
        switch (node.getNodeType()) {
        case OBJECT -> {
            List<String> keys = new ArrayList<>(node.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull() && !e.getValue().isMissingNode()) {
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
                append(out, node.get(keys.get(i)));
            }
            out.append('}');
        }
        case ARRAY -> {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, node.get(i));
            }
            out.append(']');
        }
        case STRING -> appendString(out, node.textValue());
        // an int or a long is already canonical (no fraction, no exponent, no minus zero)
        case NUMBER -> {
            if (node.isInt() || node.isLong()) {
                out.append(node.longValue());
            } else {
                out.append(formatNumber(node.decimalValue()));
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
