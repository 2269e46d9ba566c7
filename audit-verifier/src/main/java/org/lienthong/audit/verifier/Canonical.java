package org.lienthong.audit.verifier;

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

import org.lienthong.hub.api.json.JsonNumbers;

/**
 * The canonical JSON the hub's version hashes are computed over, written from the values hub-api's {@code Json.parse}
 * returns: RFC 8785 (JCS) after the hub's normalisation, implemented here independently of the hub's code (AUDIT.md):
 *
 * <ol>
 * <li>objects: members sorted by name as UTF-16 code units ({@link String#compareTo}); members whose value is
 * {@code null} are left out ({@link #write}; {@link #rfc8785} keeps them: the scheme alone);</li>
 * <li>no whitespace between tokens;</li>
 * <li>strings: only {@code "}, {@code \} and the controls below U+0020 are escaped, {@code \b \f \n \r \t} by name and
 * the others as {@code \}{@code u00xx} in lowercase hex; nothing is Unicode-normalised;</li>
 * <li>numbers: the IEEE-754 double they denote, as ECMAScript writes it (hub-api {@code JsonNumbers});</li>
 * <li>timestamps: UTC, {@code Z}, seconds always, a fraction only as long as needed.</li>
 * </ol>
 * The vectors in {@code fixtures/jcs} pin it ({@code CanonicalTest}).
 */
final class Canonical {

    private Canonical() {
    }

    /** The canonical text of a parsed JSON value, null members left out (the hub's normalisation). */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        append(out, value, false);
        return out.toString();
    }

    /** RFC 8785 of a parsed JSON value, exactly: nothing left out. */
    static String rfc8785(Object value) {
        StringBuilder out = new StringBuilder(256);
        append(out, value, true);
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

    /** The canonical text of a number: the double it denotes, as ECMAScript writes it. */
    static String number(Number value) {
        return JsonNumbers.ecmaScript(value.doubleValue());
    }

    private static void append(StringBuilder out, Object value, boolean keepNulls) {
        switch (value) {
        case null -> out.append("null");
        case Map<?, ?> map -> {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (keepNulls || e.getValue() != null) {
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
                append(out, e.getValue(), keepNulls);
            }
            out.append('}');
        }
        case List<?> list -> {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, list.get(i), keepNulls);
            }
            out.append(']');
        }
        case String s -> string(out, s);
        case Number n -> out.append(number(n));
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
