package org.lienthong.audit.verifier;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hub's canonical JSON, written from the values hub-api's {@code Json.parse} returns. An independent implementation
 * of the rules the hub's version hashes are computed over:
 *
 * <ol>
 * <li>objects: members sorted by name as UTF-16 code units ({@link String#compareTo}); members whose value is
 * {@code null} are left out;</li>
 * <li>no whitespace between tokens;</li>
 * <li>strings: only {@code "}, {@code \} and the controls below U+0020 are escaped, {@code \b \f \n \r \t} by name and
 * the others as {@code \}{@code u00xx} in lowercase hex; nothing is Unicode-normalised;</li>
 * <li>numbers: the exact decimal value, no exponent, no trailing fractional zeros, no fraction when integral, and
 * {@code 0} for every zero;</li>
 * <li>timestamps: UTC, {@code Z}, seconds always, a fraction only as long as needed.</li>
 * </ol>
 */
final class Canonical {

    private Canonical() {
    }

    /** The canonical text of a parsed JSON value. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        append(out, value);
        return out.toString();
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code text}. */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The canonical text of an RFC 3339 timestamp (any offset). */
    static String timestamp(String rfc3339) {
        Instant t = OffsetDateTime.parse(rfc3339).toInstant();
        OffsetDateTime utc = t.atOffset(ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            throw new IllegalArgumentException("year outside 0000-9999: " + rfc3339);
        }
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d", utc.getYear(), utc.getMonthValue(),
                utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond());
        int nanos = utc.getNano();
        if (nanos == 0) {
            return text + "Z";
        }
        String fraction = String.format("%09d", nanos);
        int end = fraction.length();
        while (fraction.charAt(end - 1) == '0') {
            end--;
        }
        return text + "." + fraction.substring(0, end) + "Z";
    }

    /** The canonical text of a number. */
    static String number(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() <= 0 ? v.toBigIntegerExact().toString() : v.toPlainString();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
        case null -> out.append("null");
        case Map<?, ?> map -> {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() != null) {
                    sorted.put((String) e.getKey(), e.getValue());
                }
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey());
                out.append(':');
                append(out, e.getValue());
            }
            out.append('}');
        }
        case List<?> list -> {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, list.get(i));
            }
            out.append(']');
        }
        case String s -> string(out, s);
        case BigDecimal d -> out.append(number(d));
        case Number n -> out.append(number(new BigDecimal(n.toString())));
        case Boolean b -> out.append(b ? "true" : "false");
        default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20) {
                out.append(c);
            } else if (c == '\b') {
                out.append("\\b");
            } else if (c == '\f') {
                out.append("\\f");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append('"');
    }
}
