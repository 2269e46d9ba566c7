package org.lienthong.connector.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lienthong.hub.api.connector.ConnectorContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.connector.SourceItem;
import org.lienthong.hub.api.csv.CsvRecords;
import org.lienthong.hub.api.json.Json;

/**
 * Reads the CSV files at the configured URL and hands each row to the hub.
 *
 * <p>
 * A poll lists the files (oldest first), skips those whose content was already imported under the same name, and turns
 * the rows of the others, in order, into items:
 * <ul>
 * <li>a row that gives a record with a source reference: {@link SourceItem.Upsert} with description
 * {@code "<file>:line <n>"}; the row's own {@code owner} and {@code classification} win over the configured ones, and
 * {@code sourceSystem} fills in {@code sourceRef.system} when the row gives only {@code sourceRef.id};</li>
 * <li>a row that cannot be read, or has no complete source reference (an upsert needs one, so that reading the file
 * again updates the records instead of adding new ones): {@link SourceItem.Refused} with the same description, the row
 * as it is in the file (or the record read from it) and the reason;</li>
 * <li>a file that cannot be read as a whole (not UTF-8, too large): one {@link SourceItem.Refused} for the file.</li>
 * </ul>
 *
 * <p>
 * The checkpoint is JSON: {@code {"config": <digest of the settings that shape records>, "files": {<name>: <SHA-256 of
 * the content imported>}, "partial": {"name", "sha256", "rows"}}}. {@code files} holds only files still there, so it
 * stays as small as the directory. {@code partial} is a file of more than {@value #MAX_ITEMS} rows being imported over
 * several polls. A file whose content changes is read again from its first row; so is every file after the
 * configuration changes. Everything here is idempotent (upserts by source reference), so a batch read again after a
 * crash changes nothing.
 *
 * <p>
 * Called by one thread at a time (the hub never polls an instance concurrently).
 */
final class CsvSource implements SourceConnector {

    /** The most items in one batch; a larger file continues in the next poll (the hub polls again at once). */
    static final int MAX_ITEMS = 500;

    private final Settings settings;
    private final ConnectorContext context;
    private final Drop drop;
    private final String fingerprint;

    CsvSource(Settings settings, ConnectorContext context, Drop drop) {
        this.settings = settings;
        this.context = context;
        this.drop = drop;
        this.fingerprint = settings.fingerprint();
    }

    /** A partly imported file. */
    private record Partial(String name, String sha256, int rows) {
    }

    @Override
    public SourceBatch poll(String checkpoint, Duration timeLimit) throws ConnectorException {
        long started = System.nanoTime();
        Map<String, String> files = new LinkedHashMap<>();
        Partial partial = read(checkpoint, files);

        List<Drop.Candidate> candidates = drop.candidates(timeLimit);
        List<SourceItem> items = new ArrayList<>();
        boolean more = false;
        Set<String> present = new HashSet<>();
        candidates.forEach(c -> present.add(c.name()));
        for (Drop.Candidate candidate : candidates) {
            if (!candidate.settled()) {
                break; // it and every later one are still being written
            }
            Duration left = timeLimit.minus(Duration.ofNanos(System.nanoTime() - started));
            if (items.size() >= MAX_ITEMS || left.compareTo(timeLimit.dividedBy(2)) < 0) {
                more = true;
                break;
            }
            String name = candidate.name();
            String imported = files.get(name);
            Drop.Fetched fetched = candidate.fetch(imported, left.minus(timeLimit.dividedBy(4)));
            if (fetched == null || fetched.sha256().equals(imported)) {
                continue;
            }
            if (partial != null && partial.name().equals(name) && !partial.sha256().equals(fetched.sha256())) {
                partial = null; // changed while being imported: start again
            }
            if (fetched.problem() != null) {
                items.add(new SourceItem.Refused(name, "", fetched.problem()));
                files.put(name, fetched.sha256());
                continue;
            }
            String text = decode(fetched.bytes());
            if (text == null) {
                items.add(new SourceItem.Refused(name, excerpt(fetched.bytes()), notUtf8(fetched.bytes())));
                files.put(name, fetched.sha256());
                continue;
            }
            List<CsvRecords.Row> rows;
            try {
                rows = CsvRecords.fromCsv(settings.kind(), new StringReader(text), settings.headerMapping());
            } catch (IOException e) {
                throw new IllegalStateException("a StringReader failed", e);
            }
            int from = partial != null && partial.name().equals(name) ? Math.min(partial.rows(), rows.size()) : 0;
            int i = from;
            for (; i < rows.size() && items.size() < MAX_ITEMS; i++) {
                items.add(item(name, rows.get(i)));
            }
            if (i < rows.size()) {
                partial = new Partial(name, fetched.sha256(), i);
                more = true;
                log(name, i - from, "continues in the next batch");
                break;
            }
            partial = null;
            files.put(name, fetched.sha256());
            log(name, i - from, "done");
        }
        files.keySet().retainAll(present);
        if (partial != null && !present.contains(partial.name())) {
            partial = null;
        }
        return new SourceBatch(items, write(files, partial), more);
    }

    private void log(String name, int rows, String state) {
        context.logger().log(System.Logger.Level.INFO, "read {0} row(s) of {1}; {2}", rows, name, state);
    }

    /** One row as an item. */
    private SourceItem item(String file, CsvRecords.Row row) {
        String where = file + ":line " + row.line();
        if (!row.ok()) {
            return new SourceItem.Refused(where, row.text() == null ? "" : row.text(), row.error());
        }
        Map<String, Object> record = row.record();
        Map<String, Object> out = new LinkedHashMap<>();
        Object owner = record.getOrDefault("owner", settings.owner());
        if (owner != null) {
            out.put("owner", owner);
        }
        Object classification = record.getOrDefault("classification", settings.classification());
        if (classification != null) {
            out.put("classification", classification);
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        Map<?, ?> given = record.get("sourceRef") instanceof Map<?, ?> m ? m : Map.of();
        Object system = given.get("system") != null ? given.get("system") : settings.sourceSystem();
        if (system != null) {
            ref.put("system", system);
        }
        if (given.get("id") != null) {
            ref.put("id", given.get("id"));
        }
        if (!ref.isEmpty()) {
            out.put("sourceRef", ref);
        }
        record.forEach(out::putIfAbsent);
        if (!ref.containsKey("id")) {
            return new SourceItem.Refused(where, Json.write(out), "the row has no sourceRef.id: give each row its id"
                    + " in the source system, so that reading the file again updates the record instead of adding"
                    + " another");
        }
        if (!ref.containsKey("system")) {
            return new SourceItem.Refused(where, Json.write(out), "the row has sourceRef.id but no sourceRef.system:"
                    + " add a sourceRef.system column, or set the connector's sourceSystem");
        }
        return new SourceItem.Upsert(settings.kind(), Json.write(out), where);
    }

    /** Strict UTF-8, or {@code null} for bytes that are not. */
    private static String decode(byte[] bytes) {
        CharsetDecoder decoder = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static String notUtf8(byte[] bytes) {
        CharsetDecoder decoder = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult r = decoder.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        return "the file is not UTF-8 text (invalid byte at offset " + (r.isError() ? in.position() : 0)
                + "); save it as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8 (Comma delimited))";
    }

    /** The first line or so of a file that is not UTF-8, with replacement characters where it is not. */
    private static String excerpt(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 400), UTF_8);
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }

    // ------------------------------------------------------------------ checkpoint

    /** Fills {@code files} from a checkpoint and returns its partial file; a foreign or old checkpoint gives none. */
    private Partial read(String checkpoint, Map<String, String> files) {
        if (checkpoint == null) {
            return null;
        }
        Object parsed;
        try {
            parsed = Json.parse(checkpoint);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map<?, ?> state) || !(state.get("files") instanceof Map<?, ?> known)) {
            context.logger().log(System.Logger.Level.WARNING,
                    "the checkpoint is not this connector's; reading every file again");
            return null;
        }
        if (!fingerprint.equals(state.get("config"))) {
            context.logger().log(System.Logger.Level.INFO, "the configuration changed; reading every file again");
            return null;
        }
        known.forEach((k, v) -> {
            if (k instanceof String name && v instanceof String sha) {
                files.put(name, sha);
            }
        });
        if (state.get("partial") instanceof Map<?, ?> p && p.get("name") instanceof String name
                && p.get("sha256") instanceof String sha && p.get("rows") instanceof BigDecimal rows) {
            return new Partial(name, sha, rows.intValue());
        }
        return null;
    }

    private String write(Map<String, String> files, Partial partial) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("config", fingerprint);
        state.put("files", files);
        if (partial != null) {
            state.put("partial", Map.of("name", partial.name(), "sha256", partial.sha256(), "rows", partial.rows()));
        }
        return Json.write(state);
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(settings.intervalSeconds());
    }

    @Override
    public void close() {
        drop.close();
    }

    @Override
    public String toString() {
        return "CsvSource[" + settings.displayUrl() + ", kind=" + settings.kind() + "]";
    }
}
