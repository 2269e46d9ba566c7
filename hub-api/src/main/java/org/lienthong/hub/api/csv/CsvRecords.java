package org.lienthong.hub.api.csv;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.lienthong.hub.api.json.Json;
import org.lienthong.hub.api.schema.CanonicalRecord;
import org.lienthong.hub.api.schema.Geometry;
import org.lienthong.hub.api.schema.Impact;
import org.lienthong.hub.api.schema.ImpactMetric;
import org.lienthong.hub.api.schema.Incident;
import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.api.schema.Resource;
import org.lienthong.hub.api.schema.Threat;
import org.lienthong.hub.api.schema.Vocabulary;

/**
 * Maps between CSV rows and records of one kind (threat, incident or resource) in canonical schema v1, as the plain
 * values {@link Json#parse} gives ({@code Map}, {@code List}, {@code String}, {@code BigDecimal}, {@code Boolean}).
 *
 * <h2>Columns</h2>
 * <ul>
 * <li>A column is named by the field's canonical name; a member of an object by its dot path: {@code sourceRef.system},
 * {@code sourceRef.id}, {@code location.description}, {@code location.adminCodes}, {@code location.geometry},
 * {@code command.post}, {@code assignment.incidentId}, {@code alert.identifier} and so on. {@link #columns(String)}
 * lists every column a kind reads.</li>
 * <li>An empty (or blank) cell means the field is absent.</li>
 * <li>Numbers ({@code riskLevel}, {@code quantity}, {@code available}, impact values) are written with a dot before the
 * decimals and no thousands separators ({@code 3}, {@code 1250.5}, {@code 1E+3}); booleans ({@code reserve}, impact
 * {@code estimated}) as {@code true} or {@code false} ({@code 1}/{@code 0}, {@code yes}/{@code no},
 * {@code có}/{@code không} and any letter case are read too). Every other field is text, timestamps included
 * ({@code 2026-11-22T08:00:00Z}), taken exactly as it is in the cell.</li>
 * <li>Lists of text ({@code responseTypes}, {@code threatIds}, {@code resourceIds}, {@code location.adminCodes},
 * {@code alert.references}) are written with {@code |} between the items ({@code Evacuate|Shelter}); spaces around an
 * item are dropped, and an empty item is an error. A cell starting with {@code [} is read as a JSON array instead; the
 * writer uses that form for a list that {@code |} cannot carry (an empty list, an item containing {@code |}, an item
 * with spaces at its ends, an item that is not text).</li>
 * <li>Lists of objects and GeoJSON are JSON text in one cell: {@code areas}, {@code indicators},
 * {@code location.geometry}.</li>
 * <li>Incident impacts: one column per metric, {@code impacts.<metric>} holding the value ({@code impacts.deaths},
 * {@code impacts.housesDamaged}, …), with optional {@code impacts.<metric>.unit}, {@code impacts.<metric>.asOf}
 * (timestamp) and {@code impacts.<metric>.estimated} (boolean); a detail column without the value is an error. The
 * impacts are listed in the order of {@link ImpactMetric}. A column {@code impacts} may instead hold the whole list as
 * JSON; the writer uses it for a record that lists a metric twice or not in that order. When a row has both, the JSON
 * list comes first.</li>
 * <li>Fields the hub sets ({@code id}, {@code kind}, {@code version}, {@code createdAt}, {@code updatedAt},
 * {@code deleted}, {@code provenance.*}) are written on export and ignored on import; a {@code kind} cell that names
 * another kind is an error.</li>
 * </ul>
 *
 * <h2>Reading</h2> {@link #fromCsv} takes the first record as the header. Each header cell is matched, after removing a
 * byte order mark and surrounding spaces and normalising Unicode to NFC (Vietnamese text is often decomposed), without
 * regard to letter case: first against the caller's <em>header mapping</em> (the sheet's own column names to canonical
 * paths, e.g. {@code "Tiêu đề" → "title"}, {@code "Mã địa bàn" → "location.adminCodes"}; a mapping to {@code ""}
 * ignores the column, handy for a row-number column such as {@code STT}), then against the canonical columns. A column
 * that matches nothing is an error in every row that has a value in it, naming the column. Two columns for the same
 * field, or a mapping to a column that does not exist, make the whole header an error.
 *
 * <p>
 * Each row becomes a {@link Row} with its line number: the record, or every problem found in it. Rows whose cells are
 * all empty are skipped. Rows may have fewer cells than the header (the rest are empty). The record is not validated
 * against the schema beyond the cell types: the hub does that when the record is written.
 *
 * <h2>Writing</h2> {@link #toCsv} writes a header and one row per record, in a fixed column order: {@code id},
 * {@code version} (when the records have them), {@code owner}, {@code classification}, {@code sourceRef.system},
 * {@code sourceRef.id}, the kind's fields in SCHEMA.md order (for impacts, {@code impacts.<metric>} columns for the
 * metrics the records use, in metric order, each followed by its detail columns when used), then {@code createdAt},
 * {@code updatedAt}, {@code deleted} and {@code provenance.*} when the records have them. Cells are
 * {@linkplain Csv#defuse defused} against spreadsheet formulas. Reading what was written gives back the same record
 * content (less the hub-set fields): same values, same list order, numbers with the same scale.
 */
public final class CsvRecords {

    /** The longest cell {@link #fromCsv} reads, in characters: 4 MiB, enough for a large GeoJSON geometry. */
    public static final int MAX_CELL_CHARS = 4 << 20;

    /** Separates the items of a list in one cell. */
    public static final String LIST_SEPARATOR = "|";

    private CsvRecords() {
    }

    /**
     * One data row of a sheet: the record it gives, or why it gives none.
     *
     * @param line
     *            the 1-based physical line on which the row starts in the file
     * @param record
     *            the record, members in canonical order, or {@code null} when {@code error} is set
     * @param error
     *            every problem found in the row, separated by {@code "; "}, or {@code null}
     * @param text
     *            for an error, the row as it appears in the file (at most {@value Csv#MAX_TEXT} characters), else
     *            {@code null}
     */
    public record Row(int line, Map<String, Object> record, String error, String text) {

        public Row {
            if ((record == null) == (error == null)) {
                throw new IllegalArgumentException("a row has either a record or an error");
            }
        }

        /** A row that gave a record. */
        public Row(int line, Map<String, Object> record) {
            this(line, record, null, null);
        }

        /** A row that gave no record. */
        public Row(int line, String error) {
            this(line, null, error, null);
        }

        /** Whether the row gave a record. */
        public boolean ok() {
            return error == null;
        }
    }

    // ------------------------------------------------------------------ the column model

    private enum Type {
        TEXT, NUMBER, BOOLEAN, LIST, JSON_ARRAY, JSON_OBJECT
    }

    /** A top-level member of a record, in schema order. */
    private sealed interface Member {
        String name();
    }

    /** A field written in one column. */
    private record Field(String name, Type type) implements Member {
    }

    /** An object whose members are written as {@code name.member} columns. */
    private record Group(String name, List<Field> members) implements Member {
    }

    /** Incident impacts: {@code impacts.<metric>} columns, or JSON in {@code impacts}. */
    private record Impacts(String name) implements Member {
    }

    /** Fields the hub sets: written on export (when present), ignored on import. */
    private static final List<String> HUB_SET_LEADING = List.of("id", "version");
    private static final List<String> HUB_SET_TRAILING = List.of("createdAt", "updatedAt", "deleted");
    private static final List<String> PROVENANCE_COLUMNS = List.of("provenance.activity", "provenance.author.org",
            "provenance.author.subject", "provenance.recordedAt", "provenance.originHub", "provenance.connector",
            "provenance.hash");
    private static final Set<String> HUB_SET_KEYS = Set.of("id", "kind", "version", "createdAt", "updatedAt", "deleted",
            "provenance");

    /**
     * The members of each kind, derived from its record's components (see {@link #member}) so that a field added to the
     * schema gets its column: the envelope ({@code owner}, {@code classification}, {@code sourceRef}) comes first
     * because the records declare it first.
     */
    private static final Map<RecordKind, List<Member>> MEMBERS = new EnumMap<>(RecordKind.class);

    static {
        for (RecordKind kind : RecordKind.values()) {
            Class<? extends CanonicalRecord> type = switch (kind) {
            case threat -> Threat.class;
            case incident -> Incident.class;
            case resource -> Resource.class;
            };
            List<Member> members = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                if (!HUB_SET_KEYS.contains(c.getName())) {
                    members.add(member(c));
                }
            }
            MEMBERS.put(kind, List.copyOf(members));
        }
    }

    /**
     * The {@code impacts.<metric>.<detail>} columns: every component of {@link Impact} but the metric, which names the
     * column, and the value, which is the {@code impacts.<metric>} column itself.
     */
    private static final List<Field> IMPACT_DETAILS = Arrays.stream(Impact.class.getRecordComponents())
            .filter(c -> !c.getName().equals("metric") && !c.getName().equals("value")).map(CsvRecords::field).toList();

    /**
     * A top-level component: an object (a record other than {@link Geometry}) becomes a group of columns, one per
     * member; {@code List<Impact>} becomes the per-metric impact columns; anything else one column.
     */
    private static Member member(RecordComponent c) {
        Class<?> type = c.getType();
        if (type == List.class && elementType(c) == Impact.class) {
            return new Impacts(c.getName());
        }
        if (type.isRecord() && type != Geometry.class) {
            return new Group(c.getName(), Arrays.stream(type.getRecordComponents()).map(CsvRecords::field).toList());
        }
        return field(c);
    }

    /**
     * One column and its cell type: text for strings, timestamps, UUIDs and enums (their wire values); a number; a
     * boolean; GeoJSON as a JSON object; a list of objects as a JSON array; any other list as a {@code |} list.
     */
    private static Field field(RecordComponent c) {
        Class<?> type = c.getType();
        Type cell;
        if (type == String.class || type == Instant.class || type == UUID.class || type.isEnum()) {
            cell = Type.TEXT;
        } else if (type == Integer.class || type == BigDecimal.class) {
            cell = Type.NUMBER;
        } else if (type == Boolean.class) {
            cell = Type.BOOLEAN;
        } else if (type == Geometry.class) {
            cell = Type.JSON_OBJECT;
        } else if (type == List.class) {
            Class<?> element = elementType(c);
            if (element.isRecord()) {
                cell = Type.JSON_ARRAY;
            } else if (element == String.class || element == UUID.class || element.isEnum()) {
                cell = Type.LIST;
            } else {
                throw new IllegalStateException("no CSV column type for " + c);
            }
        } else {
            // a record inside an object (no schema object has one) would need columns of its own
            throw new IllegalStateException("no CSV column type for " + c);
        }
        return new Field(c.getName(), cell);
    }

    private static Class<?> elementType(RecordComponent c) {
        if (c.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e) {
            return e;
        }
        throw new IllegalStateException("no CSV column type for " + c);
    }

    private static List<Member> members(String kind) {
        Objects.requireNonNull(kind, "kind");
        return MEMBERS
                .get(Vocabulary.fromWireValue(RecordKind.class, kind).orElseThrow(() -> new IllegalArgumentException(
                        "unknown record kind '" + kind + "': " + Vocabulary.alternatives(RecordKind.class))));
    }

    /** A column {@link #fromCsv} reads, and how. */
    private record Column(String path, Type type) {
    }

    private static Map<String, Column> importColumns(String kind) {
        Map<String, Column> out = new LinkedHashMap<>();
        for (Member m : members(kind)) {
            switch (m) {
            case Field f -> out.put(f.name(), new Column(f.name(), f.type()));
            case Group g -> g.members()
                    .forEach(f -> out.put(g.name() + "." + f.name(), new Column(g.name() + "." + f.name(), f.type())));
            case Impacts i -> {
                out.put(i.name(), new Column(i.name(), Type.JSON_ARRAY));
                for (ImpactMetric metric : ImpactMetric.values()) {
                    String base = i.name() + "." + metric;
                    out.put(base, new Column(base, Type.NUMBER));
                    for (Field detail : IMPACT_DETAILS) {
                        out.put(base + "." + detail.name(), new Column(base + "." + detail.name(), detail.type()));
                    }
                }
            }
            }
        }
        return out;
    }

    /**
     * Every column {@link #fromCsv} reads for a kind, in the order {@link #toCsv} writes them: the envelope
     * ({@code owner}, {@code classification}, {@code sourceRef.system}, {@code sourceRef.id}), then the kind's fields;
     * for an incident {@code impacts} and, per metric, {@code impacts.<metric>} and its {@code .unit}, {@code .asOf},
     * {@code .estimated}. The hub-set columns, which are recognised and ignored, are not listed.
     *
     * @throws IllegalArgumentException
     *             for a kind other than threat, incident or resource
     */
    public static List<String> columns(String kind) {
        return List.copyOf(importColumns(kind).keySet());
    }

    // ------------------------------------------------------------------ reading

    /** What one header cell is. */
    private sealed interface Heading {
    }

    private record Canonical(Column column, String header) implements Heading {
    }

    private record Ignored() implements Heading {
    }

    private record Unknown(String header) implements Heading {
    }

    private record KindColumn() implements Heading {
    }

    /**
     * Reads a sheet of records of one kind.
     *
     * @param kind
     *            threat, incident or resource
     * @param in
     *            the CSV text (decoded; a byte order mark is skipped)
     * @param headerMapping
     *            the sheet's own column names to canonical column paths (or {@code ""} to ignore the column); may be
     *            {@code null} or empty
     *
     * @return one {@link Row} per data row, in file order; when the header itself is unusable, one error row for it
     *         (and nothing else). {@code in} is not closed
     *
     * @throws IOException
     *             when {@code in} fails
     * @throws IllegalArgumentException
     *             for an unknown kind
     */
    public static List<Row> fromCsv(String kind, java.io.Reader in, Map<String, String> headerMapping)
            throws IOException {
        Map<String, Column> byKey = new HashMap<>();
        importColumns(kind).forEach((path, c) -> byKey.put(key(path), c));
        List<Row> rows = new ArrayList<>();
        Csv.Reader reader = Csv.reader(in, MAX_CELL_CHARS, Csv.DEFAULT_MAX_COLUMNS); // not closed: in is the caller's
        Csv.Record header = reader.next();
        if (header == null) {
            return rows;
        }
        if (!header.ok()) {
            rows.add(new Row(header.line(), null, "the header row: " + header.error(), header.text()));
            return rows;
        }
        List<Heading> headings = new ArrayList<>();
        String problem = headings(kind, header.fields(), headerMapping, byKey, headings);
        if (problem != null) {
            rows.add(new Row(header.line(), null, problem, header.text()));
            return rows;
        }
        for (Csv.Record rec = reader.next(); rec != null; rec = reader.next()) {
            if (!rec.ok()) {
                rows.add(new Row(rec.line(), null, rec.error(), rec.text()));
            } else if (!rec.fields().stream().allMatch(String::isBlank)) {
                rows.add(row(kind, rec, headings));
            }
        }
        return rows;
    }

    /** Fills {@code out} with one heading per header cell; returns a problem with the header as a whole, or null. */
    private static String headings(String kind, List<String> header, Map<String, String> mapping,
            Map<String, Column> byKey, List<Heading> out) {
        Map<String, String> mapped = new HashMap<>();
        if (mapping != null) {
            for (Map.Entry<String, String> e : mapping.entrySet()) {
                String target = e.getValue() == null ? "" : e.getValue().strip();
                if (!target.isEmpty() && !byKey.containsKey(key(target)) && !isHubSet(target)) {
                    return "header mapping: '" + e.getKey() + "' maps to '" + target + "', which is not a column of "
                            + article(kind) + " (see the CSV columns in connectors/README.md)";
                }
                mapped.put(key(e.getKey()), target);
            }
        }
        Map<String, String> seen = new HashMap<>(); // canonical path -> the header that gave it
        for (int i = 0; i < header.size(); i++) {
            String original = clean(header.get(i));
            String name = original.isEmpty() ? "column " + (i + 1) + " (no header)" : original;
            String target = mapped.containsKey(key(original)) ? mapped.get(key(original)) : original;
            Heading h;
            if (original.isEmpty() && !mapped.containsKey(key(original))) {
                h = new Unknown(name);
            } else if (target.isEmpty()) {
                h = new Ignored();
            } else if (key(target).equals("kind")) {
                h = new KindColumn();
            } else if (isHubSet(target)) {
                h = new Ignored();
            } else if (byKey.containsKey(key(target))) {
                Column c = byKey.get(key(target));
                String before = seen.put(c.path(), name);
                if (before != null) {
                    return "columns '" + before + "' and '" + name + "' both give " + c.path()
                            + "; remove one or map it to \"\" to ignore it";
                }
                h = new Canonical(c, name);
            } else {
                h = new Unknown(name);
            }
            out.add(h);
        }
        return null;
    }

    private static boolean isHubSet(String path) {
        String k = key(path);
        return HUB_SET_KEYS.stream().anyMatch(s -> key(s).equals(k)) || k.startsWith("provenance.");
    }

    /** A header or mapping key as it is compared: no BOM, no surrounding spaces, NFC, lower case. */
    private static String key(String s) {
        return clean(s).toLowerCase(Locale.ROOT);
    }

    private static String clean(String s) {
        return s == null ? "" : Normalizer.normalize(s.replace("\uFEFF", ""), Normalizer.Form.NFC).strip();
    }

    private static Row row(String kind, Csv.Record rec, List<Heading> headings) {
        List<String> errors = new ArrayList<>();
        Map<String, Object> values = new HashMap<>(); // by canonical path
        List<String> cells = rec.fields();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell.isBlank()) {
                continue;
            }
            if (i >= headings.size()) {
                errors.add("the row has a value in column " + (i + 1) + " but the header has only " + headings.size()
                        + " columns");
                break;
            }
            switch (headings.get(i)) {
            case Ignored ignored -> {
            }
            case KindColumn k -> {
                if (!cell.strip().equals(kind)) {
                    errors.add("kind: this sheet holds " + kind + " records, not '" + shorten(cell.strip()) + "'");
                }
            }
            case Unknown u -> errors.add("column '" + u.header() + "' is not a field of " + article(kind)
                    + ": map it to a field or to \"\" (to ignore it), or leave it empty");
            case Canonical c -> {
                try {
                    values.put(c.column().path(), value(c.column().type(), cell));
                } catch (IllegalArgumentException e) {
                    String where = c.header().equals(c.column().path()) ? c.column().path()
                            : "column '" + c.header() + "' (" + c.column().path() + ")";
                    errors.add(where + ": " + e.getMessage());
                }
            }
            }
        }
        Map<String, Object> record = new LinkedHashMap<>();
        for (Member m : members(kind)) {
            switch (m) {
            case Field f -> put(record, f.name(), values.get(f.name()));
            case Group g -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (Field f : g.members()) {
                    put(object, f.name(), values.get(g.name() + "." + f.name()));
                }
                if (!object.isEmpty()) {
                    record.put(g.name(), object);
                }
            }
            case Impacts i -> {
                List<Object> impacts = impacts(i, values, errors);
                if (impacts != null) {
                    record.put(i.name(), impacts);
                }
            }
            }
        }
        if (!errors.isEmpty()) {
            return new Row(rec.line(), null, String.join("; ", errors), rec.text());
        }
        return new Row(rec.line(), record);
    }

    private static void put(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    private static List<Object> impacts(Impacts member, Map<String, Object> values, List<String> errors) {
        List<Object> out = null;
        if (values.get(member.name()) instanceof List<?> json) {
            out = new ArrayList<>(json);
        }
        for (ImpactMetric metric : ImpactMetric.values()) {
            String base = member.name() + "." + metric;
            Object value = values.get(base);
            Map<String, Object> impact = new LinkedHashMap<>();
            impact.put("metric", metric.toString());
            if (value != null) {
                impact.put("value", value);
            }
            for (Field detail : IMPACT_DETAILS) {
                Object v = values.get(base + "." + detail.name());
                if (v != null) {
                    if (value == null) {
                        errors.add(base + "." + detail.name() + " is given but " + base + " (the value) is empty");
                    }
                    impact.put(detail.name(), v);
                }
            }
            if (value != null) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(impact);
            }
        }
        return out;
    }

    /** A cell's value; throws IllegalArgumentException with a message for operators. */
    private static Object value(Type type, String cell) {
        switch (type) {
        case TEXT:
            return cell;
        case NUMBER: {
            String s = cell.strip();
            if (!Csv.isPlainNumber(s)) {
                throw new IllegalArgumentException("must be a number such as 3 or 2.5 (a dot before decimals, no"
                        + " thousands separators), not '" + shorten(s) + "'");
            }
            try {
                return new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a number that can be stored: '" + shorten(s) + "'");
            }
        }
        case BOOLEAN: {
            String s = Normalizer.normalize(cell.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
            return switch (s) {
            case "true", "1", "yes", "có" -> Boolean.TRUE;
            case "false", "0", "no", "không" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("must be true or false, not '" + shorten(cell.strip()) + "'");
            };
        }
        case LIST: {
            String s = cell.strip();
            if (s.startsWith("[")) {
                return json(s, List.class, "a JSON array");
            }
            List<Object> items = new ArrayList<>();
            String[] parts = s.split("\\|", -1);
            for (int i = 0; i < parts.length; i++) {
                String item = parts[i].strip();
                if (item.isEmpty()) {
                    throw new IllegalArgumentException("item " + (i + 1) + " of the list is empty (items are separated"
                            + " by " + LIST_SEPARATOR + ")");
                }
                items.add(item);
            }
            return items;
        }
        case JSON_ARRAY:
            return json(cell.strip(), List.class, "a JSON array ([...])");
        case JSON_OBJECT:
            return json(cell.strip(), Map.class, "a JSON object ({...})");
        default:
            throw new IllegalStateException(type.name());
        }
    }

    private static Object json(String text, Class<?> expected, String what) {
        Object v;
        try {
            v = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be " + what + ": " + e.getMessage());
        }
        if (!expected.isInstance(v)) {
            throw new IllegalArgumentException("must be " + what);
        }
        return v;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    private static String article(String kind) {
        return (kind.equals("incident") ? "an " : "a ") + kind;
    }

    // ------------------------------------------------------------------ writing

    /** A column {@link #toCsv} writes: its header and how to get its cell from a record. */
    private record Out(String header, Function<Map<String, Object>, String> cell) {
    }

    /**
     * Writes records of one kind as CSV, without a byte order mark; see the class documentation for the columns. Does
     * not close {@code out}.
     *
     * @throws IllegalArgumentException
     *             when a record has a field that has no column, or a value of the wrong type for its column (a text
     *             where a number belongs, say), naming the record's index and the field
     */
    public static void toCsv(String kind, List<Map<String, Object>> records, java.io.Writer out) throws IOException {
        toCsv(kind, records, out, false);
    }

    /**
     * Writes records of one kind as CSV; see {@link #toCsv(String, List, java.io.Writer)}.
     *
     * @param bom
     *            whether to start with a byte order mark, so that Excel reads the UTF-8 (Vietnamese) text correctly
     */
    public static void toCsv(String kind, List<Map<String, Object>> records, java.io.Writer out, boolean bom)
            throws IOException {
        List<Member> members = members(kind);
        for (int i = 0; i < records.size(); i++) {
            check(kind, members, records.get(i), i);
        }
        List<Out> columns = new ArrayList<>();
        for (String name : HUB_SET_LEADING) {
            if (anyHas(records, name)) {
                columns.add(new Out(name, r -> loose(r.get(name))));
            }
        }
        for (Member m : members) {
            switch (m) {
            case Field f -> columns.add(new Out(f.name(), r -> cell(f, r.get(f.name()))));
            case Group g -> {
                for (Field f : g.members()) {
                    columns.add(new Out(g.name() + "." + f.name(),
                            r -> r.get(g.name()) instanceof Map<?, ?> o ? cell(f, o.get(f.name())) : ""));
                }
            }
            case Impacts i -> impactColumns(i, records, columns);
            }
        }
        for (String name : HUB_SET_TRAILING) {
            if (anyHas(records, name)) {
                columns.add(new Out(name, r -> loose(r.get(name))));
            }
        }
        for (String path : PROVENANCE_COLUMNS) {
            if (records.stream().anyMatch(r -> at(r, path) != null)) {
                columns.add(new Out(path, r -> loose(at(r, path))));
            }
        }
        Csv.Writer w = Csv.writer(out, bom);
        w.write(columns.stream().map(Out::header).toList());
        for (Map<String, Object> r : records) {
            List<String> cells = new ArrayList<>(columns.size());
            for (Out c : columns) {
                cells.add(c.cell().apply(r));
            }
            w.write(cells);
        }
        w.flush();
    }

    private static boolean anyHas(List<Map<String, Object>> records, String name) {
        return records.stream().anyMatch(r -> r.get(name) != null);
    }

    private static Object at(Map<String, Object> record, String path) {
        Object v = record;
        for (String part : path.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(part);
        }
        return v;
    }

    /** A hub-set value, written without type rules (it is not read back). */
    private static String loose(Object v) {
        return switch (v) {
        case null -> "";
        case String s -> s;
        case Number n -> numberText(n);
        case Boolean b -> b.toString();
        default -> Json.write(v);
        };
    }

    /** Throws IllegalArgumentException when the record has something the columns cannot carry. */
    private static void check(String kind, List<Member> members, Map<String, Object> record, int index) {
        Map<String, Member> byName = new HashMap<>();
        members.forEach(m -> byName.put(m.name(), m));
        for (Map.Entry<String, Object> e : record.entrySet()) {
            String name = e.getKey();
            Object value = e.getValue();
            String where = "record " + index + ", " + name;
            if (value == null || HUB_SET_KEYS.contains(name)) {
                if (name.equals("kind") && value != null && !kind.equals(value)) {
                    throw new IllegalArgumentException(where + ": is '" + value + "', not " + kind);
                }
                continue;
            }
            Member m = byName.get(name);
            switch (m) {
            case null -> throw new IllegalArgumentException(
                    where + ": not a field of " + article(kind) + ", so it has no CSV column");
            case Field f -> typeCheck(f, value, where);
            case Group g -> {
                if (!(value instanceof Map<?, ?> object)) {
                    throw new IllegalArgumentException(where + ": must be an object");
                }
                for (Map.Entry<?, ?> member : object.entrySet()) {
                    Field f = g.members().stream().filter(x -> x.name().equals(member.getKey())).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(where + "." + member.getKey()
                                    + ": not a member of " + name + ", so it has no" + " CSV column"));
                    if (member.getValue() != null) {
                        typeCheck(f, member.getValue(), where + "." + f.name());
                    }
                }
            }
            case Impacts i -> {
                if (!(value instanceof List<?>)) {
                    throw new IllegalArgumentException(where + ": must be a list");
                }
            }
            }
        }
    }

    private static void typeCheck(Field f, Object value, String where) {
        boolean ok = switch (f.type()) {
        case TEXT -> value instanceof String;
        case NUMBER -> value instanceof Number;
        case BOOLEAN -> value instanceof Boolean;
        case LIST, JSON_ARRAY -> value instanceof List<?>;
        case JSON_OBJECT -> value instanceof Map<?, ?>;
        };
        if (!ok) {
            throw new IllegalArgumentException(where + ": must be " + switch (f.type()) {
            case TEXT -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case LIST, JSON_ARRAY -> "a list";
            case JSON_OBJECT -> "an object";
            });
        }
    }

    /** A field's cell; the value has passed {@link #typeCheck}. */
    private static String cell(Field f, Object value) {
        if (value == null) {
            return "";
        }
        return switch (f.type()) {
        case TEXT -> (String) value;
        case NUMBER -> numberText((Number) value);
        case BOOLEAN -> value.toString();
        case LIST -> listText((List<?>) value);
        case JSON_ARRAY, JSON_OBJECT -> Json.write(value);
        };
    }

    /** {@code a|b|c}, or JSON when {@code |} cannot carry the list exactly. */
    private static String listText(List<?> list) {
        boolean plain = !list.isEmpty();
        for (Object item : list) {
            plain &= item instanceof String s && !s.isEmpty() && s.strip().equals(s) && !s.contains(LIST_SEPARATOR);
        }
        plain &= plain && !((String) list.get(0)).startsWith("[");
        if (!plain) {
            return Json.write(list);
        }
        StringBuilder sb = new StringBuilder();
        for (Object item : list) {
            if (!sb.isEmpty()) {
                sb.append(LIST_SEPARATOR);
            }
            sb.append((String) item);
        }
        return sb.toString();
    }

    /** Exact: plain digits, or the exponent form for a number that was written with one (a negative scale). */
    private static String numberText(Number n) {
        BigDecimal d = switch (n) {
        case BigDecimal b -> b;
        case Integer i -> BigDecimal.valueOf(i);
        case Long l -> BigDecimal.valueOf(l);
        case Short s -> BigDecimal.valueOf(s);
        case Byte b -> BigDecimal.valueOf(b);
        default -> new BigDecimal(n.toString());
        };
        return d.scale() < 0 ? d.toString() : d.toPlainString();
    }

    /** Whether a record's impacts fit the per-metric columns exactly: distinct known metrics, in metric order. */
    private static boolean impactsFitColumns(Object impacts) {
        if (!(impacts instanceof List<?> list) || list.isEmpty()) {
            return false;
        }
        int last = -1;
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> impact) || !(impact.get("metric") instanceof String metric)
                    || !(impact.get("value") instanceof Number)) {
                return false;
            }
            ImpactMetric m = Vocabulary.fromWireValue(ImpactMetric.class, metric).orElse(null);
            if (m == null || m.ordinal() <= last) {
                return false;
            }
            last = m.ordinal();
            for (Map.Entry<?, ?> member : impact.entrySet()) {
                String name = String.valueOf(member.getKey());
                Object v = member.getValue();
                Type detail = IMPACT_DETAILS.stream().filter(f -> f.name().equals(name)).map(Field::type).findFirst()
                        .orElse(null);
                boolean fits = name.equals("metric") || name.equals("value")
                        || detail == Type.TEXT && v instanceof String s && !s.isBlank()
                        || detail == Type.BOOLEAN && v instanceof Boolean;
                if (!fits) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Map<?, ?> impact(Object impacts, ImpactMetric metric) {
        if (impactsFitColumns(impacts)) {
            for (Object item : (List<?>) impacts) {
                Map<?, ?> impact = (Map<?, ?>) item;
                if (metric.toString().equals(impact.get("metric"))) {
                    return impact;
                }
            }
        }
        return null;
    }

    private static void impactColumns(Impacts member, List<Map<String, Object>> records, List<Out> columns) {
        String name = member.name();
        if (records.stream().anyMatch(r -> r.get(name) != null && !impactsFitColumns(r.get(name)))) {
            columns.add(new Out(name,
                    r -> r.get(name) != null && !impactsFitColumns(r.get(name)) ? Json.write(r.get(name)) : ""));
        }
        for (ImpactMetric metric : ImpactMetric.values()) {
            if (records.stream().noneMatch(r -> impact(r.get(name), metric) != null)) {
                continue;
            }
            String base = name + "." + metric;
            columns.add(new Out(base, r -> {
                Map<?, ?> impact = impact(r.get(name), metric);
                return impact == null ? "" : numberText((Number) impact.get("value"));
            }));
            for (Field field : IMPACT_DETAILS) {
                String detail = field.name();
                if (records.stream().anyMatch(r -> {
                    Map<?, ?> impact = impact(r.get(name), metric);
                    return impact != null && impact.get(detail) != null;
                })) {
                    columns.add(new Out(base + "." + detail, r -> {
                        Map<?, ?> impact = impact(r.get(name), metric);
                        return impact == null || impact.get(detail) == null ? "" : impact.get(detail).toString();
                    }));
                }
            }
        }
    }
}
