package org.lienthong.hub.record;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.postgresql.copy.CopyIn;

/**
 * Rows in the text format of PostgreSQL's {@code COPY … FROM STDIN}: fields separated by a tab, rows ended by a
 * newline, {@code \N} for null, and a backslash, tab, newline or carriage return inside a field escaped with a
 * backslash (PostgreSQL documentation, COPY, "Text Format").
 *
 * <p>
 * Written here because PgJDBC's {@code CopyManager} moves bytes but has no encoder for rows, and the format is these
 * four escapes: a dependency would add more code than it saves.
 *
 * <p>
 * Rows go to PostgreSQL in chunks of about {@value #FLUSH_AT} characters as they are written, so a batch is never held
 * twice more in memory (as text, then as bytes). Closing without {@link #finish()} cancels the COPY: nothing of it is
 * stored.
 */
final class CopyText implements AutoCloseable {

    private static final int FLUSH_AT = 32 * 1024;

    private final CopyIn copy;
    private final StringBuilder out = new StringBuilder(FLUSH_AT + 8 * 1024);
    private boolean rowStarted;

    CopyText(CopyIn copy) {
        this.copy = copy;
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

    CopyText endRow() throws SQLException {
        out.append('\n');
        rowStarted = false;
        if (out.length() >= FLUSH_AT) {
            flush();
        }
        return this;
    }

    /** Sends what is left and ends the COPY; returns the number of rows PostgreSQL stored. */
    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    /** The hub's connections use client encoding UTF8. */
    private void flush() throws SQLException {
        if (!out.isEmpty()) {
            byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            out.setLength(0);
        }
    }
}
