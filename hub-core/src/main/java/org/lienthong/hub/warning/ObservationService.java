package org.lienthong.hub.warning;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.access.Access;
import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.access.WriteRights;
import org.lienthong.hub.api.csv.Csv;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.ingest.JsonBatch;
import org.lienthong.hub.warning.StationStore.StationRef;
import org.lienthong.hub.warning.dto.Observation;
import org.lienthong.hub.warning.dto.ObservationOutcome;
import org.lienthong.hub.warning.dto.ObservationPage;
import org.lienthong.hub.warning.dto.ObservationResult;
import org.lienthong.hub.warning.dto.ObservationStatus;
import org.lienthong.hub.warning.dto.Quality;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Readings in: NDJSON, a JSON array or a CSV sheet of at most {@value #MAX_ITEMS} readings, read item by item (the body
 * is never held whole). Each reading is checked on its own (station and indicator known, the caller allowed to write
 * for the station's owner, a finite value, a sensible time) and a bad one never spoils the rest; more than
 * {@value #MAX_ITEMS} is a 413 before anything is stored. The good ones are written in chunks of {@value #CHUNK}, one
 * transaction each, with what they change queued for evaluation in the same transaction; the evaluator is woken when
 * the chunk commits.
 */
@ApplicationScoped
public class ObservationService {

    public static final int MAX_ITEMS = 50_000;
    static final int CHUNK = 2_000;
    static final int MAX_LINE = 64 * 1024;
    /** Readings from before this are refused (a wrong year, a zero timestamp). */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** How far ahead of the hub's clock a reading may be (clocks of stations drift). */
    static final Duration AHEAD = Duration.ofDays(1);
    static final int MAX_PAGE = 10_000;
    private static final Pattern RFC3339 = Pattern
            .compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Set<String> MEMBERS = Set.of("station", "indicator", "time", "value", "quality", "exercise");
    private static final List<String> CSV_COLUMNS = List.of("station", "indicator", "time", "value", "quality",
            "exercise");

    @Inject
    ObservationStore observations;

    @Inject
    StationStore stations;

    @Inject
    WriteRights rights;

    @Inject
    Evaluator evaluator;

    /** One item as read: its fields as text or JSON, or why it could not be read at all. */
    private record Raw(int position, JsonNode json, Map<String, String> cells, String unreadable) {
    }

    /** One item after its own checks: a row to write, or its errors. */
    private record Checked(int position, ObservationStore.Row row, List<FieldError> errors) {
    }

    /** How the body comes. */
    public enum Format {
        NDJSON, JSON, CSV
    }

    public ObservationResult ingest(InputStream body, Format format, Access caller) {
        List<Raw> raw = switch (format) {
        case NDJSON -> json(body, true);
        case JSON -> json(body, false);
        case CSV -> csv(body);
        };
        boolean lines = format == Format.CSV;
        List<Checked> checked = check(raw, caller);
        ObservationOutcome[] outcomes = new ObservationOutcome[checked.size()];
        List<ObservationStore.Row> good = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            Checked c = checked.get(i);
            if (c.row() == null) {
                outcomes[i] = outcome(lines, c.position(), ObservationStatus.rejected, null, c.errors());
            } else {
                good.add(new ObservationStore.Row(i, c.row().station(), c.row().indicator(), c.row().time(),
                        c.row().value(), c.row().quality(), c.row().exercise()));
            }
        }
        Set<YearMonth> months = new HashSet<>();
        good.forEach(r -> months.add(ObservationStore.month(r.time())));
        observations.ensurePartitions(months);
        boolean changed = false;
        for (List<ObservationStore.Row> chunk : chunks(good)) {
            for (ObservationStore.Written w : observations.write(chunk)) {
                outcomes[w.index()] = outcome(lines, checked.get(w.index()).position(), w.status(), w.previous(), null);
                changed |= w.status() != ObservationStatus.unchanged;
            }
        }
        if (changed) {
            evaluator.nudge();
        }
        int created = 0, unchanged = 0, corrected = 0, rejected = 0;
        for (ObservationOutcome o : outcomes) {
            switch (o.status()) {
            case created -> created++;
            case unchanged -> unchanged++;
            case corrected -> corrected++;
            case rejected -> rejected++;
            }
        }
        return new ObservationResult(created, unchanged, corrected, rejected, List.of(outcomes));
    }

    /** A station's readings of one indicator, as the caller may see the station. */
    public ObservationPage page(String station, String indicator, String from, String to, String cursor, Integer limit,
            Access caller) {
        if (stations.find(station, Visibility.ofOwned(caller, "s")).isEmpty()) {
            throw HubException.notFound("no station " + station);
        }
        List<FieldError> errors = new ArrayList<>();
        if (indicator == null || !Codes.isCode(indicator)) {
            errors.add(new FieldError("indicator", "is required: an indicator code such as water-level"));
        }
        Instant f = time("from", from, errors);
        Instant t = time("to", to, errors);
        Instant after = cursor == null ? null : cursor(cursor, errors);
        int n = limit == null ? 1000 : limit;
        if (n < 1 || n > MAX_PAGE) {
            errors.add(new FieldError("limit", "must be from 1 to " + MAX_PAGE));
        }
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        List<Observation> items = observations.page(station, indicator, f, t, after, n + 1);
        String next = null;
        if (items.size() > n) {
            items = items.subList(0, n);
            next = "o1:" + items.get(n - 1).time();
        }
        return new ObservationPage(items, next);
    }

    // ------------------------------------------------------------------ checks

    private List<Checked> check(List<Raw> raw, Access caller) {
        Set<String> stationCodes = new HashSet<>();
        Set<String> indicatorCodes = new HashSet<>();
        for (Raw r : raw) {
            text(r, "station").ifPresent(stationCodes::add);
            text(r, "indicator").ifPresent(indicatorCodes::add);
        }
        Map<String, StationRef> known = stations.refs(stationCodes);
        Set<String> indicators = stations.indicators(indicatorCodes).keySet();
        Map<String, Optional<List<String>>> paths = new HashMap<>();
        Map<String, String> refusedOwners = new HashMap<>();
        Instant latest = Instant.now().plus(AHEAD);
        Set<String> seen = new HashSet<>();
        Map<String, Optional<Instant>> times = new HashMap<>();
        List<Checked> out = new ArrayList<>(raw.size());
        for (Raw r : raw) {
            List<FieldError> errors = new ArrayList<>();
            if (r.unreadable() != null) {
                out.add(new Checked(r.position(), null, List.of(new FieldError("", r.unreadable()))));
                continue;
            }
            if (r.json() != null) {
                r.json().fieldNames().forEachRemaining(n -> {
                    if (!MEMBERS.contains(n)) {
                        errors.add(new FieldError(n, "is not a field of a reading (station, indicator, time, value,"
                                + " quality, exercise)"));
                    }
                });
            }
            String station = text(r, "station").orElse(null);
            StationRef ref = station == null ? null : known.get(station);
            if (station == null) {
                errors.add(new FieldError("station", "is required"));
            } else if (ref == null) {
                errors.add(new FieldError("station", "is not a registered station: " + station));
            } else {
                String refusal = refusedOwners.computeIfAbsent(ref.owner(), owner -> {
                    try {
                        rights.check(owner, caller, paths);
                        return "";
                    } catch (HubException e) {
                        return e.detail();
                    }
                });
                if (!refusal.isEmpty()) {
                    errors.add(new FieldError("station", "may not be written by this caller: " + refusal));
                }
            }
            String indicator = text(r, "indicator").orElse(null);
            if (indicator == null) {
                errors.add(new FieldError("indicator", "is required"));
            } else if (!indicators.contains(indicator)) {
                errors.add(new FieldError("indicator",
                        "is not in the indicator catalogue: " + indicator + " (see GET /api/v1/indicators)"));
            }
            Instant time = null;
            Optional<String> timeText = text(r, "time");
            if (timeText.isEmpty()) {
                errors.add(new FieldError("time", "is required: an RFC 3339 timestamp"));
            } else {
                // a batch has many readings of each time step (one per station): each text is parsed once
                time = times.computeIfAbsent(timeText.get(), t -> Optional.ofNullable(timestamp(t))).orElse(null);
                if (time == null) {
                    errors.add(
                            new FieldError("time", "must be an RFC 3339 timestamp such as 2026-11-20T03:00:00+07:00"));
                } else if (time.isBefore(EARLIEST) || time.isAfter(latest)) {
                    errors.add(new FieldError("time",
                            "must lie between 1970 and one day ahead of the hub's clock (" + timeText.get() + ")"));
                    time = null;
                } else if (time.getNano() % 1000 != 0) {
                    errors.add(new FieldError("time", "must not be more precise than a microsecond"));
                    time = null;
                }
            }
            Double value = value(r, errors);
            Quality quality = Quality.good;
            Optional<String> q = text(r, "quality");
            if (q.isPresent() || (r.json() != null && r.json().has("quality") && !r.json().get("quality").isNull())) {
                try {
                    quality = Quality.valueOf(q.orElse("?").toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("quality", "must be good, suspect or bad"));
                }
            }
            boolean exercise = false;
            if (r.json() != null && r.json().has("exercise") && !r.json().get("exercise").isNull()) {
                if (!r.json().get("exercise").isBoolean()) {
                    errors.add(new FieldError("exercise", "must be true or false"));
                } else {
                    exercise = r.json().get("exercise").booleanValue();
                }
            } else if (r.cells() != null && r.cells().get("exercise") != null) {
                String e = r.cells().get("exercise").strip().toLowerCase(Locale.ROOT);
                if (!e.isEmpty()) {
                    if (!e.equals("true") && !e.equals("false")) {
                        errors.add(new FieldError("exercise", "must be true or false"));
                    }
                    exercise = e.equals("true");
                }
            }
            if (errors.isEmpty() && !seen.add(station + "\u0000" + indicator + "\u0000" + time)) {
                // the same reading twice in one batch: the later one is refused, not silently preferred
                errors.add(new FieldError("time", "this batch already has a reading of " + indicator + " at " + station
                        + " for " + timeText.get()));
            }
            out.add(errors.isEmpty() ? new Checked(r.position(),
                    new ObservationStore.Row(r.position(), station, indicator, time, value, quality, exercise), null)
                    : new Checked(r.position(), null, errors));
        }
        return out;
    }

    private static Optional<String> text(Raw r, String field) {
        if (r.cells() != null) {
            String v = r.cells().get(field);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }
        if (r.json() == null) {
            return Optional.empty();
        }
        JsonNode n = r.json().get(field);
        return n != null && n.isTextual() && !n.textValue().isBlank() ? Optional.of(n.textValue()) : Optional.empty();
    }

    private static Double value(Raw r, List<FieldError> errors) {
        if (r.cells() != null) {
            String v = r.cells().get("value");
            if (v == null || v.isBlank()) {
                errors.add(new FieldError("value", "is required: a number"));
                return null;
            }
            try {
                double d = Double.parseDouble(v.strip());
                if (Double.isFinite(d) && Csv.isPlainNumber(v.strip())) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            errors.add(new FieldError("value", "must be a finite number written with a dot (" + v.strip() + ")"));
            return null;
        }
        JsonNode n = r.json() == null ? null : r.json().get("value");
        if (n == null || n.isNull()) {
            errors.add(new FieldError("value", "is required: a number"));
            return null;
        }
        if (!n.isNumber()) {
            errors.add(new FieldError("value",
                    "must be a number, not " + n.getNodeType().name().toLowerCase(Locale.ROOT)));
            return null;
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            errors.add(new FieldError("value", "must be a finite number"));
            return null;
        }
        return d;
    }

    private static Instant timestamp(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant time(String field, String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        Instant t = timestamp(text);
        if (t == null) {
            errors.add(new FieldError(field, "must be an RFC 3339 timestamp"));
        }
        return t;
    }

    private static Instant cursor(String cursor, List<FieldError> errors) {
        if (cursor.startsWith("o1:")) {
            try {
                return Instant.parse(cursor.substring(3));
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(new FieldError("cursor", "is not a cursor this hub issued; use the 'next' of a page"));
        return null;
    }

    private static ObservationOutcome outcome(boolean lines, int position, ObservationStatus status, Double previous,
            List<FieldError> errors) {
        return lines ? new ObservationOutcome(null, position, status, previous, errors)
                : new ObservationOutcome(position, null, status, previous, errors);
    }

    private static List<List<ObservationStore.Row>> chunks(List<ObservationStore.Row> rows) {
        List<List<ObservationStore.Row>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += CHUNK) {
            out.add(rows.subList(i, Math.min(rows.size(), i + CHUNK)));
        }
        return out;
    }

    // ------------------------------------------------------------------ reading the body

    private static HubException tooMany() {
        return new HubException(413, "/problems/too-large", "Too many readings",
                "at most " + MAX_ITEMS + " readings per request; split the batch (nothing was stored)");
    }

    private static List<Raw> json(InputStream body, boolean ndjson) {
        List<JsonBatch.Item> items = ndjson ? JsonBatch.ndjson(body, MAX_ITEMS, MAX_LINE, ObservationService::tooMany)
                : JsonBatch.array(body, "readings", MAX_ITEMS, ObservationService::tooMany);
        List<Raw> out = new ArrayList<>(items.size());
        for (JsonBatch.Item i : items) {
            out.add(i.json() == null ? new Raw(i.index(), null, null, i.error())
                    : i.json().isObject() ? new Raw(i.index(), i.json(), null, null)
                            : new Raw(i.index(), null, null, "must be a JSON object"));
        }
        return out;
    }

    /** A CSV sheet: a header naming the columns (station, indicator, time, value, quality, exercise), then readings. */
    private static List<Raw> csv(InputStream body) {
        List<Raw> out = new ArrayList<>();
        try (Csv.Reader reader = Csv.reader(JsonBatch.utf8(body))) {
            Csv.Record header = reader.next();
            if (header == null) {
                throw HubException.invalid("", "the sheet is empty: it needs a header row");
            }
            if (header.error() != null) {
                throw HubException.invalid("", "the header row is unreadable: " + header.error());
            }
            List<String> columns = new ArrayList<>();
            for (String cell : header.fields()) {
                String name = cell.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
                if (!CSV_COLUMNS.contains(name)) {
                    throw HubException.invalid("",
                            "unknown column '" + cell.strip() + "': the columns are " + String.join(", ", CSV_COLUMNS));
                }
                if (columns.contains(name)) {
                    throw HubException.invalid("", "column '" + name + "' is given twice");
                }
                columns.add(name);
            }
            for (String required : List.of("station", "indicator", "time", "value")) {
                if (!columns.contains(required)) {
                    throw HubException.invalid("", "the sheet needs a column '" + required + "'");
                }
            }
            Csv.Record row;
            while ((row = reader.next()) != null) {
                if (row.error() != null) {
                    out.add(new Raw(row.line(), null, null, row.error()));
                } else if (row.fields().stream().allMatch(String::isBlank)) {
                    continue;
                } else {
                    Map<String, String> cells = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        cells.put(columns.get(i), i < row.fields().size() ? row.fields().get(i) : "");
                    }
                    out.add(new Raw(row.line(), null, cells, null));
                }
                if (out.size() > MAX_ITEMS) {
                    throw tooMany();
                }
            }
        } catch (CharacterCodingException e) {
            throw HubException.malformed("the sheet is not UTF-8 text");
        } catch (IOException e) {
            throw HubException.malformed("the sheet could not be read: " + e.getMessage());
        }
        return out;
    }
}
