package org.lienthong.hub.api.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes JSON (RFC 8259) as plain Java values.
 *
 * <table>
 * <caption>JSON values and their Java types</caption>
 * <tr>
 * <th>JSON</th>
 * <th>{@link #parse} returns</th>
 * <th>{@link #write} accepts</th>
 * </tr>
 * <tr>
 * <td>object</td>
 * <td>{@code Map<String, Object>} (a {@link LinkedHashMap}: members in the order written)</td>
 * <td>any {@link Map} with {@code String} keys</td>
 * </tr>
 * <tr>
 * <td>array</td>
 * <td>{@code List<Object>}</td>
 * <td>any {@link List}</td>
 * </tr>
 * <tr>
 * <td>string</td>
 * <td>{@link String}</td>
 * <td>{@link String}</td>
 * </tr>
 * <tr>
 * <td>number</td>
 * <td>{@link BigDecimal}, exactly as written ({@code 1.50} stays {@code 1.50})</td>
 * <td>any {@link Number} with a finite value</td>
 * </tr>
 * <tr>
 * <td>true, false</td>
 * <td>{@link Boolean}</td>
 * <td>{@link Boolean}</td>
 * </tr>
 * <tr>
 * <td>null</td>
 * <td>{@code null}</td>
 * <td>{@code null}</td>
 * </tr>
 * </table>
 *
 * <p>
 * Parsing is strict: one value with optional whitespace around it and nothing else, no comments, no trailing commas, no
 * unescaped control characters, no duplicate member names, surrogates only as valid pairs, and at most
 * {@value #MAX_DEPTH} nested arrays and objects. Every rejection is an {@link IllegalArgumentException} whose message
 * names the character offset ({@code "invalid JSON at offset 17: ..."}) and never quotes more than one character of the
 * input.
 *
 * <p>
 * Thread-safe: the class has no state.
 */
public final class Json {

    /** How deeply arrays and objects may nest, in {@link #parse} and {@link #write}. */
    public static final int MAX_DEPTH = 512;

    private Json() {
    }

    /**
     * Parses one JSON text.
     *
     * @param text
     *            the whole text; not {@code null}
     *
     * @return a {@code Map<String, Object>}, {@code List<Object>}, {@link String}, {@link BigDecimal}, {@link Boolean}
     *         or {@code null}; maps and lists are mutable and belong to the caller
     *
     * @throws IllegalArgumentException
     *             when the text is not exactly one valid JSON value
     */
    public static Object parse(String text) {
        Objects.requireNonNull(text, "text");
        Parser p = new Parser(text);
        p.skipWhitespace();
        Object value = p.value();
        p.skipWhitespace();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.describe(p.pos) + " after the value");
        }
        return value;
    }

    /**
     * Writes a value as compact JSON (no whitespace between tokens).
     *
     * <p>
     * Strings escape {@code "}, {@code \}, every control character below U+0020 and U+2028/U+2029 (so the output is
     * also safe inside JavaScript); other characters, Vietnamese letters included, are written as they are. Numbers are
     * written exactly ({@link BigDecimal#toString()} for decimals).
     *
     * @param value
     *            a {@code Map} with {@code String} keys, a {@code List}, a {@code String}, a {@code Number}, a
     *            {@code Boolean} or {@code null}, nested as deep as {@value #MAX_DEPTH}
     *
     * @return the JSON text
     *
     * @throws IllegalArgumentException
     *             for a value of another type, a map key that is not a {@code String}, a non-finite number, a string
     *             with a lone surrogate, or nesting deeper than {@value #MAX_DEPTH}
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(64);
        // iterative, so that deep nesting cannot overflow the caller's stack
        List<Frame> open = new ArrayList<>();
        Object next = value;
        while (true) {
            switch (next) {
            case Map<?, ?> map -> {
                checkDepth(open.size());
                out.append('{');
                open.add(new Frame(map.entrySet().iterator(), true));
            }
            case List<?> list -> {
                checkDepth(open.size());
                out.append('[');
                open.add(new Frame(list.iterator(), false));
            }
            case null, default -> writeScalar(next, out);
            }
            next = NONE;
            while (next == NONE && !open.isEmpty()) {
                Frame top = open.get(open.size() - 1);
                if (!top.items().hasNext()) {
                    out.append(top.object() ? '}' : ']');
                    open.remove(open.size() - 1);
                    continue;
                }
                char last = out.charAt(out.length() - 1);
                if (last != '{' && last != '[') { // only an opening bracket ends the output unescaped
                    out.append(',');
                }
                Object item = top.items().next();
                if (top.object()) {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("cannot write a JSON object whose member name is "
                                + (e.getKey() == null ? "null" : "a " + e.getKey().getClass().getName()));
                    }
                    writeString(key, out);
                    out.append(':');
                    next = e.getValue();
                } else {
                    next = item;
                }
            }
            if (next == NONE) {
                return out.toString();
            }
        }
    }

    /** Marks "no value pending" in {@link #write}, where {@code null} is a value. */
    private static final Object NONE = new Object();

    /** An array or object being written: its remaining items (entries for an object). */
    private record Frame(Iterator<?> items, boolean object) {
    }

    private static void writeScalar(Object value, StringBuilder out) {
        switch (value) {
        case null -> out.append("null");
        case String s -> writeString(s, out);
        case Boolean b -> out.append(b.booleanValue());
        case Number n -> out.append(number(n));
        default -> throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "cannot write JSON nested more than " + MAX_DEPTH + " deep (a map or list that contains itself?)");
        }
    }

    private static String number(Number n) {
        switch (n) {
        case BigDecimal d -> {
            return d.toString();
        }
        case BigInteger i -> {
            return i.toString();
        }
        case Integer i -> {
            return i.toString();
        }
        case Long l -> {
            return l.toString();
        }
        case Short s -> {
            return s.toString();
        }
        case Byte b -> {
            return b.toString();
        }
        case Double d -> {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("cannot write " + d + " as JSON: numbers must be finite");
            }
            return d.toString(); // e.g. 1.0E10: valid JSON
        }
        case Float f -> {
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException("cannot write " + f + " as JSON: numbers must be finite");
            }
            return f.toString();
        }
        default -> {
            try {
                return new BigDecimal(n.toString()).toString();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cannot write the " + n.getClass().getName() + " " + n
                        + " as JSON: its text is not a decimal number");
            }
        }
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\u2028', '\u2029' -> out.append("\\u").append(Integer.toHexString(c));
            default -> {
                if (c < 0x20) {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(++i));
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException(
                            "cannot write a string with a lone surrogate U+" + hex4(c) + " at index " + i);
                } else {
                    out.append(c);
                }
            }
            }
        }
        out.append('"');
    }

    private static String hex4(int c) {
        return String.format("%04X", c);
    }

    /** A parser over one string. */
    private static final class Parser {

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        /**
         * Parses one value. Iterative: arrays and objects being read are kept on {@code open}, not on the call stack,
         * so that no input can overflow the caller's stack.
         */
        Object value() {
            List<Object> open = new ArrayList<>(); // the Map or List being filled, innermost last
            List<String> names = new ArrayList<>(); // for each open object, the member being read
            while (true) {
                skipWhitespace();
                Object value;
                char c = peek();
                if (c == '{' || c == '[') {
                    if (open.size() >= MAX_DEPTH) {
                        throw error("arrays and objects nested more than " + MAX_DEPTH + " deep");
                    }
                    pos++;
                    skipWhitespace();
                    if (c == '{' && peek() == '}') {
                        pos++;
                        value = new LinkedHashMap<String, Object>();
                    } else if (c == '[' && peek() == ']') {
                        pos++;
                        value = new ArrayList<Object>();
                    } else {
                        if (c == '{') {
                            Map<String, Object> map = new LinkedHashMap<>();
                            open.add(map);
                            names.add(memberName(map));
                        } else {
                            open.add(new ArrayList<Object>());
                            names.add(null);
                        }
                        continue; // read the first member or element
                    }
                } else {
                    value = scalar();
                }
                // put the value into its container; close every container that ends here
                while (true) {
                    if (open.isEmpty()) {
                        return value;
                    }
                    int top = open.size() - 1;
                    Object container = open.get(top);
                    boolean object = container instanceof Map<?, ?>;
                    if (object) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> map = (Map<String, Object>) container;
                        map.put(names.get(top), value);
                    } else {
                        @SuppressWarnings("unchecked")
                        List<Object> list = (List<Object>) container;
                        list.add(value);
                    }
                    skipWhitespace();
                    char after = peek();
                    if (after == ',') {
                        pos++;
                        if (object) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> map = (Map<String, Object>) container;
                            names.set(top, memberName(map));
                        }
                        break; // read the next member or element
                    }
                    if (after == (object ? '}' : ']')) {
                        pos++;
                        value = open.remove(top);
                        names.remove(top);
                        continue;
                    }
                    throw error("unexpected " + describe(pos) + ", expected ',' or " + (object ? "'}'" : "']'"));
                }
            }
        }

        /** Reads {@code "name" :} of a member of {@code map}. */
        private String memberName(Map<String, Object> map) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describe(pos) + ", expected a member name in double quotes");
            }
            int at = pos;
            String name = string();
            if (map.containsKey(name)) {
                throw error(at, "duplicate member name");
            }
            skipWhitespace();
            expect(':', "':' after a member name");
            return name;
        }

        private Object scalar() {
            if (pos >= text.length()) {
                throw error("unexpected end of input, expected a value");
            }
            char c = text.charAt(pos);
            return switch (c) {
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected " + describe(pos) + ", expected a value");
            }
            };
        }

        private String string() {
            pos++; // opening quote
            StringBuilder sb = null;
            int start = pos;
            int n = text.length();
            while (true) {
                if (pos >= n) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
                    pos++;
                    return s;
                }
                if (c < 0x20) {
                    throw error("unescaped control character U+" + hex4(c) + " in a string");
                }
                if (Character.isHighSurrogate(c)) {
                    if (pos + 1 < n && Character.isLowSurrogate(text.charAt(pos + 1))) {
                        pos += 2;
                        continue;
                    }
                    throw error("lone surrogate U+" + hex4(c) + " in a string");
                }
                if (Character.isLowSurrogate(c)) {
                    throw error("lone surrogate U+" + hex4(c) + " in a string");
                }
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (sb == null) {
                    sb = new StringBuilder(pos - start + 16);
                }
                sb.append(text, start, pos);
                int escapeAt = pos;
                pos++;
                if (pos >= n) {
                    throw error("unterminated string");
                }
                char e = text.charAt(pos++);
                switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    char u = hexEscape(escapeAt);
                    if (Character.isHighSurrogate(u)) {
                        int lowAt = pos;
                        if (pos + 1 < n && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
                            pos += 2;
                            char low = hexEscape(lowAt);
                            if (Character.isLowSurrogate(low)) {
                                sb.append(u).append(low);
                                break;
                            }
                        }
                        throw error(escapeAt, "\\u" + hex4(u) + " (a high surrogate) must be followed by a \\u escape"
                                + " of a low surrogate (DC00-DFFF)");
                    }
                    if (Character.isLowSurrogate(u)) {
                        throw error(escapeAt,
                                "\\u" + hex4(u) + " is a low surrogate without a high surrogate before it");
                    }
                    sb.append(u);
                }
                default -> throw error(escapeAt, "invalid escape in a string: a backslash followed by " + printable(e));
                }
                start = pos;
            }
        }

        /** Reads the four hex digits after {@code \\u} at the current position. */
        private char hexEscape(int escapeAt) {
            if (pos + 4 > text.length()) {
                throw error(escapeAt, "\\u must be followed by four hex digits");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                char h = text.charAt(pos + i);
                int d = h >= '0' && h <= '9' ? h - '0'
                        : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                if (d < 0) {
                    throw error(escapeAt, "\\u must be followed by four hex digits");
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        private BigDecimal number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                if (isDigit(peek())) {
                    throw error("a number must not have a leading zero");
                }
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw error("unexpected " + describe(pos) + ", expected a digit");
            }
            if (peek() == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw error("unexpected " + describe(pos) + ", expected a digit after the decimal point");
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("unexpected " + describe(pos) + ", expected a digit in the exponent");
                }
                digits();
            }
            try {
                return new BigDecimal(text.substring(start, pos));
            } catch (NumberFormatException e) { // an exponent beyond the range of int
                throw error(start, "number out of range");
            }
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected " + describe(pos) + ", expected a value");
            }
            pos += word.length();
            return value;
        }

        private void expect(char c, String what) {
            if (peek() != c) {
                throw error("unexpected " + describe(pos) + ", expected " + what);
            }
            pos++;
        }

        /** The character at the current position, or U+0000 at the end (never valid where it is tested). */
        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        String describe(int at) {
            if (at >= text.length()) {
                return "end of input";
            }
            return "character " + printable(text.charAt(at));
        }

        private static String printable(char c) {
            return c >= 0x20 && c < 0x7F ? "'" + c + "'" : "U+" + hex4(c);
        }

        IllegalArgumentException error(String message) {
            return error(pos, message);
        }

        IllegalArgumentException error(int at, String message) {
            return new IllegalArgumentException("invalid JSON at offset " + at + ": " + message);
        }
    }
}
