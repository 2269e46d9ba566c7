package org.lienthong.hub.api.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads and writes CSV as RFC 4180 defines it, the way spreadsheets exchange it.
 *
 * <h2>Reading</h2>
 * <ul>
 * <li>Text is read from a {@link java.io.Reader}, so the caller decodes the bytes; use UTF-8. A byte order mark
 * (U+FEFF) at the very start is skipped.</li>
 * <li>Fields are separated by {@code ,}. A field may be quoted with {@code "}; inside quotes a quote is written twice
 * ({@code ""}), and commas and line breaks are part of the field.</li>
 * <li>Records end with CRLF, LF or a lone CR; the last record may end without one. Line breaks inside quoted fields are
 * kept exactly as written. Blank lines (nothing between two line ends) are skipped.</li>
 * <li>Each {@link Record} carries the 1-based <em>physical</em> line on which it starts, counting every line break,
 * including those inside quoted fields: the line number a text editor shows.</li>
 * <li>A malformed record is returned with an {@link Record#error() error} and reading goes on with the next one:
 * <ul>
 * <li>a quote inside an unquoted field, or anything but a comma or a line end after a closing quote ("stray quote"):
 * the rest of that physical line is skipped and the next record starts on the next line;</li>
 * <li>a quoted field still open at the end of the input ("unterminated quote"): the opening quote was most likely a
 * typo, so reading resumes on the line after the record's first line, and the rows after it are read as rows;</li>
 * <li>a field longer than {@code maxFieldChars}, or a record with more than {@code maxColumns} fields: the record is
 * read to its end and reported.</li>
 * </ul>
 * </li>
 * </ul>
 *
 * <h2>Writing</h2> A field is quoted when it contains a comma, a quote, CR or LF (or starts with U+FEFF); records end
 * with CRLF; a byte order mark is written only when asked for (Excel needs one to recognise UTF-8).
 *
 * <h2>Spreadsheet formulas</h2> A spreadsheet runs a cell that starts with {@code =}, {@code +}, {@code -} or {@code @}
 * (and some also after a leading tab or CR) as a formula, so a record's text could run code on the machine of whoever
 * opens an export ("CSV injection"). The writer therefore <em>defuses</em> each field and the reader <em>restores</em>
 * it, with a rule that round-trips every value exactly:
 * <ul>
 * <li>{@link #defuse}: a value that is zero or more apostrophes followed by one of {@code = + - @ TAB CR} is written
 * with one more apostrophe in front ({@code =SUM(A1)} becomes {@code '=SUM(A1)}, {@code '=x} becomes {@code ''=x}),
 * unless it is a plain number ({@code -5}, {@code +3.5}, {@code -1e3} stay as they are: a spreadsheet reads them as
 * numbers, which is harmless, and they stay numbers).</li>
 * <li>{@link #restore}: a value that is one or more apostrophes followed by one of those characters loses one
 * apostrophe. Every other value is read as it is.</li>
 * </ul>
 * Spreadsheets show the apostrophe as part of the text and save it back, so a file exported, edited and saved by a
 * spreadsheet still imports the original values. A file from elsewhere whose value really starts with {@code '=}
 * imports without that apostrophe; write {@code ''=} to keep it.
 *
 * <p>
 * Thread-safety: the static methods are; a {@link Reader} or {@link Writer} is for one thread.
 */
public final class Csv {

    /** The longest field {@link #reader(java.io.Reader)} accepts, in characters: 1 MiB. */
    public static final int DEFAULT_MAX_FIELD_CHARS = 1 << 20;

    /** The most fields a record may have in {@link #reader(java.io.Reader)}. */
    public static final int DEFAULT_MAX_COLUMNS = 1000;

    /** How much of a record's text {@link Record#text()} keeps, in characters. */
    public static final int MAX_TEXT = 4096;

    private static final char BOM = '\uFEFF';

    /** A number as a spreadsheet reads it: optional sign, digits with an optional decimal point, optional exponent. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Csv() {
    }

    /**
     * One record read.
     *
     * @param line
     *            the 1-based physical line on which the record starts
     * @param fields
     *            the fields, restored ({@link #restore}); empty when {@code error} is set
     * @param error
     *            why the record could not be read, or {@code null}
     * @param text
     *            the record as it appears in the input, without its line end; at most {@link #MAX_TEXT} characters
     *            (longer text is cut and ends with {@code …})
     */
    public record Record(int line, List<String> fields, String error, String text) {

        public Record {
            fields = List.copyOf(fields);
        }

        /** Whether the record was read without error. */
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * A reader with the default limits ({@value #DEFAULT_MAX_FIELD_CHARS} characters, {@value #DEFAULT_MAX_COLUMNS}
     * fields).
     */
    public static Reader reader(java.io.Reader in) {
        return new Reader(in, DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_COLUMNS);
    }

    /**
     * A reader with limits of its own.
     *
     * @param maxFieldChars
     *            the longest field, in characters (at least 1)
     * @param maxColumns
     *            the most fields in one record (at least 1)
     */
    public static Reader reader(java.io.Reader in, int maxFieldChars, int maxColumns) {
        return new Reader(in, maxFieldChars, maxColumns);
    }

    /** Every record of a text, with the default limits. */
    public static List<Record> parse(String text) {
        List<Record> out = new ArrayList<>();
        try (Reader r = reader(new StringReader(text))) {
            for (Record rec = r.next(); rec != null; rec = r.next()) {
                out.add(rec);
            }
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader failed", e);
        }
        return out;
    }

    /** A writer without a byte order mark. */
    public static Writer writer(java.io.Writer out) {
        return new Writer(out, false);
    }

    /**
     * A writer.
     *
     * @param bom
     *            whether to start the output with a byte order mark (U+FEFF), which Excel needs to read UTF-8
     */
    public static Writer writer(java.io.Writer out, boolean bom) {
        return new Writer(out, bom);
    }

    /** One record as CSV text, defused and quoted as {@link Writer#write} writes it, without a line end. */
    public static String format(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        appendRecord(sb, fields, true);
        return sb.toString();
    }

    /** Whether a value is a plain number: optional sign, digits with an optional decimal point, optional exponent. */
    public static boolean isPlainNumber(String value) {
        return value != null && PLAIN_NUMBER.matcher(value).matches();
    }

    /**
     * The value as the writer puts it in a cell: with one more leading apostrophe when it is zero or more apostrophes
     * followed by {@code = + - @ TAB CR} and not a plain number (see the class documentation).
     */
    public static String defuse(String value) {
        if (value == null) {
            return null;
        }
        int i = apostrophes(value);
        return i < value.length() && isTrigger(value.charAt(i)) && !isPlainNumber(value) ? "'" + value : value;
    }

    /**
     * The value a cell read from a file stands for: one leading apostrophe less when it is one or more apostrophes
     * followed by {@code = + - @ TAB CR}; the inverse of {@link #defuse}.
     */
    public static String restore(String value) {
        if (value == null) {
            return null;
        }
        int i = apostrophes(value);
        return i > 0 && i < value.length() && isTrigger(value.charAt(i)) ? value.substring(1) : value;
    }

    private static int apostrophes(String value) {
        int i = 0;
        while (i < value.length() && value.charAt(i) == '\'') {
            i++;
        }
        return i;
    }

    private static boolean isTrigger(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private static void appendRecord(StringBuilder out, List<String> fields, boolean defuse) {
        if (fields.size() == 1 && (fields.get(0) == null || fields.get(0).isEmpty())) {
            out.append("\"\""); // a blank line would be skipped by a reader
            return;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String value = fields.get(i) == null ? "" : fields.get(i);
            if (defuse) {
                value = defuse(value);
            }
            boolean quote = !value.isEmpty() && value.charAt(0) == BOM;
            for (int j = 0; j < value.length() && !quote; j++) {
                char c = value.charAt(j);
                quote = c == ',' || c == '"' || c == '\r' || c == '\n';
            }
            if (quote) {
                out.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                out.append(value);
            }
        }
    }

    /** Reads records one by one; see the class documentation for the rules. Not thread-safe. */
    public static final class Reader implements Closeable {

        private final java.io.Reader in;
        private final int maxFieldChars;
        private final int maxColumns;

        private char[] buf = new char[8192];
        private int pos;
        private int len;
        private boolean eof;
        private boolean started;
        private int line = 1;

        // per record
        private final StringBuilder text = new StringBuilder();
        private StringBuilder replay; // the input after the record's first line end, while a quoted field spans lines
        private boolean replaying;
        private int firstLineEnd = -1; // the line number after the record's first line end was read, or -1

        Reader(java.io.Reader in, int maxFieldChars, int maxColumns) {
            this.in = Objects.requireNonNull(in, "in");
            if (maxFieldChars < 1 || maxColumns < 1) {
                throw new IllegalArgumentException("limits must be at least 1");
            }
            this.maxFieldChars = maxFieldChars;
            this.maxColumns = maxColumns;
        }

        /**
         * The next record, or {@code null} at the end of the input.
         *
         * @throws IOException
         *             when the underlying reader fails
         */
        public Record next() throws IOException {
            if (!started) {
                started = true;
                if (peek() == BOM) {
                    pos++;
                }
            }
            // blank lines
            while (true) {
                int c = peek();
                if (c == '\n' || c == '\r') {
                    lineEnd(read());
                } else if (c < 0) {
                    return null;
                } else {
                    break;
                }
            }
            int start = line;
            text.setLength(0);
            replay = null;
            firstLineEnd = -1;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            String error = null;
            int column = 0;
            while (true) { // one field per turn
                column++;
                field.setLength(0);
                boolean tooLong = false;
                int c = take();
                boolean endOfRecord;
                if (c == '"') {
                    while (true) {
                        c = take();
                        if (c < 0) {
                            return unterminated(start, column);
                        }
                        if (c == '"') {
                            if (peek() == '"') {
                                take();
                            } else {
                                break;
                            }
                        } else if (c == '\r' || c == '\n') {
                            if (c == '\r' && peek() == '\n') {
                                tooLong |= append(field, '\r');
                                c = take();
                            }
                            line++;
                            if (firstLineEnd < 0) {
                                firstLineEnd = line;
                                replay = new StringBuilder();
                            }
                        }
                        tooLong |= append(field, (char) c);
                    }
                    c = take();
                    if (c == ',') {
                        endOfRecord = false;
                    } else if (c < 0 || c == '\r' || c == '\n') {
                        lineEnd(c);
                        endOfRecord = true;
                    } else {
                        error = error != null ? error
                                : "field " + column + ": " + describe(c) + " after the closing quote; inside a quoted"
                                        + " field write a quote as two quotes (\"\")";
                        skipLine();
                        endOfRecord = true;
                    }
                } else {
                    while (c >= 0 && c != ',' && c != '\r' && c != '\n') {
                        if (c == '"') {
                            error = error != null ? error
                                    : "field " + column + ": a quote (\") in a field that does not start with one;"
                                            + " quote the whole field and write the quote as two quotes (\"\")";
                            skipLine();
                            c = -1;
                            break;
                        }
                        tooLong |= append(field, (char) c);
                        c = take();
                    }
                    endOfRecord = c != ',';
                    if (endOfRecord) {
                        lineEnd(c);
                    }
                }
                if (tooLong && error == null) {
                    error = "field " + column + " is longer than " + maxFieldChars + " characters";
                }
                if (error == null) {
                    if (fields.size() < maxColumns) {
                        fields.add(restore(field.toString()));
                    } else {
                        error = "the record has more than " + maxColumns + " fields";
                    }
                }
                if (endOfRecord) {
                    break;
                }
            }
            replay = null;
            return new Record(start, error == null ? fields : List.of(), error, excerpt());
        }

        /** At the end of the input inside a quoted field: report it and read again from the record's second line. */
        private Record unterminated(int start, int column) {
            Record r = new Record(start, List.of(),
                    "field " + column + ": the quoted field that starts on line " + start + " is never closed;"
                            + " close it with a quote, and write quotes inside it as two quotes (\"\")",
                    excerpt());
            if (replay != null && !replay.isEmpty()) {
                char[] again = new char[replay.length()];
                replay.getChars(0, again.length, again, 0);
                buf = again;
                pos = 0;
                len = again.length;
                line = firstLineEnd;
                replaying = true;
            }
            replay = null;
            return r;
        }

        private String excerpt() {
            String s = text.toString();
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
                end--;
            }
            s = s.substring(0, end);
            return text.length() >= MAX_TEXT ? s + "…" : s;
        }

        /** Appends unless the field is full; returns whether the field is too long. */
        private boolean append(StringBuilder field, char c) {
            if (field.length() >= maxFieldChars) {
                return true;
            }
            field.append(c);
            return false;
        }

        /** After a line-end character was taken: counts the line, taking the LF of a CRLF too. */
        private void lineEnd(int c) throws IOException {
            if (c == '\r' && peek() == '\n') {
                take();
            }
            if (c == '\r' || c == '\n') {
                line++;
            }
        }

        private void skipLine() throws IOException {
            int c;
            do {
                c = take();
            } while (c >= 0 && c != '\r' && c != '\n');
            lineEnd(c);
        }

        private static String describe(int c) {
            return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("U+%04X", c);
        }

        /** Reads one character, keeping it in the record's text (and the replay buffer when one is open). */
        private int take() throws IOException {
            int c = read();
            if (c >= 0) {
                if (text.length() < MAX_TEXT) {
                    text.append((char) c);
                }
                if (replay != null) {
                    replay.append((char) c);
                }
            }
            return c;
        }

        private int read() throws IOException {
            if (pos >= len && !fill()) {
                return -1;
            }
            return buf[pos++];
        }

        private int peek() throws IOException {
            if (pos >= len && !fill()) {
                return -1;
            }
            return buf[pos];
        }

        private boolean fill() throws IOException {
            if (replaying) {
                replaying = false;
                buf = new char[8192];
                pos = 0;
                len = 0;
            }
            if (eof) {
                return false;
            }
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            len = n;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Writes records; see the class documentation for the rules. Not thread-safe. */
    public static final class Writer implements Closeable, Flushable {

        private final java.io.Writer out;
        private boolean bomPending;
        private final StringBuilder sb = new StringBuilder(256);

        Writer(java.io.Writer out, boolean bom) {
            this.out = Objects.requireNonNull(out, "out");
            this.bomPending = bom;
        }

        /**
         * Writes one record and its CRLF. {@code null} fields are written as empty fields; every field is
         * {@linkplain Csv#defuse defused}. A record of one empty field is written as {@code ""}, since a blank line
         * would be skipped when read.
         */
        public void write(List<String> fields) throws IOException {
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a record needs at least one field");
            }
            sb.setLength(0);
            if (bomPending) {
                sb.append(BOM);
                bomPending = false;
            }
            appendRecord(sb, fields, true);
            sb.append("\r\n");
            out.write(sb.toString());
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
