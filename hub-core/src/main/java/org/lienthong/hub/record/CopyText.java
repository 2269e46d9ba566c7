package org.lienthong.hub.record;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rows in the text format of PostgreSQL's {@code COPY … FROM STDIN}: fields separated by a tab, rows ended by a
 * newline, {@code \N} for null, and a backslash, tab, newline or carriage return inside a field escaped with a
 * backslash (PostgreSQL documentation, COPY, "Text Format").
 *
 * <p>
 * Written here because PgJDBC's {@code CopyManager} moves bytes but has no encoder for rows, and the format is these
 * four escapes: a dependency would add more code than it saves.
 */
final class CopyText {

    private final StringBuilder out;
    private boolean rowStarted;

    CopyText(int capacity) {
        out = new StringBuilder(capacity);
    }

    CopyText field(String value) {
        if (rowStarted) {
            out.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            out.append("\\N");
            return this;
        }
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escaped = switch (c) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> null;
            };
            if (escaped != null) {
                out.append(value, run, i).append(escaped);
                run = i + 1;
            }
        }
        out.append(value, run, value.length());
        return this;
    }

    CopyText endRow() {
        out.append('\n');
        rowStarted = false;
        return this;
    }

    /** The rows as UTF-8 (the hub's connections use client encoding UTF8). */
    InputStream stream() {
        return new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
