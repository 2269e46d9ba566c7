package org.lienthong.hub.warning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Vocabulary;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.warning.dto.IndicatorDefinition;
import org.lienthong.hub.warning.dto.Station;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Stations and indicators in PostgreSQL. */
@ApplicationScoped
public class StationStore {

    /** What the ingest and the evaluator need of a station. */
    public record StationRef(String code, String name, String owner, String classification, ObjectNode location,
            List<String> adminCodes) {
    }

    private static final String COLUMNS = "s.code, s.name, s.owner, s.classification, s.location::text,"
            + " s.attributes::text, s.data_gap_since, s.version, s.created_at, s.updated_at, s.admin_codes";

    @Inject
    DataSource dataSource;

    // ------------------------------------------------------------------ stations

    /** Inserts a new station; {@code false} when the code is taken. */
    public boolean insert(String code, String name, String owner, String classification, ObjectNode location,
            List<String> adminCodes, ObjectNode attributes, String by) {
        return Sql.update(dataSource, """
                insert into station (code, name, owner, classification, location, admin_codes, attributes, updated_by)
                values (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?) on conflict (code) do nothing""", ps -> {
            ps.setString(1, code);
            ps.setString(2, name);
            ps.setString(3, owner);
            ps.setString(4, classification);
            ps.setString(5, RecordJson.write(location));
            ps.setArray(6, ps.getConnection().createArrayOf("text", adminCodes.toArray()));
            ps.setString(7, RecordJson.write(attributes));
            ps.setString(8, by);
        }) == 1;
    }

    /**
     * Replaces a station's fields when its version is {@code expected} (any version when {@code null}); the number of
     * rows changed.
     */
    public int update(String code, Integer expected, String name, String owner, String classification,
            ObjectNode location, List<String> adminCodes, ObjectNode attributes, String by) {
        return Sql.update(dataSource, """
                update station set name = ?, owner = ?, classification = ?, location = ?::jsonb, admin_codes = ?,
                       attributes = ?::jsonb, updated_by = ?, updated_at = now(), version = version + 1
                 where code = ? and (?::int is null or version = ?)""", ps -> {
            ps.setString(1, name);
            ps.setString(2, owner);
            ps.setString(3, classification);
            ps.setString(4, RecordJson.write(location));
            ps.setArray(5, ps.getConnection().createArrayOf("text", adminCodes.toArray()));
            ps.setString(6, RecordJson.write(attributes));
            ps.setString(7, by);
            ps.setString(8, code);
            ps.setObject(9, expected);
            ps.setObject(10, expected);
        });
    }

    /** A station whatever its visibility (for writes and the evaluator). */
    public Optional<Station> find(String code) {
        return Sql.one(dataSource, "select " + COLUMNS + " from station s where s.code = ?",
                ps -> ps.setString(1, code), StationStore::station);
    }

    /** A station the predicate lets the caller see. */
    public Optional<Station> find(String code, Visibility.Predicate visible) {
        return Sql.one(dataSource, "select " + COLUMNS + " from station s where s.code = ? and (" + visible.sql() + ")",
                ps -> {
                    ps.setString(1, code);
                    bind(ps, 2, visible);
                }, StationStore::station);
    }

    /** Visible stations by code after {@code after}, optionally of one owner or in one administrative unit. */
    public List<Station> list(Visibility.Predicate visible, String after, String owner, String adminCode, int limit) {
        return Sql.list(dataSource,
                "select " + COLUMNS + " from station s where (" + visible.sql() + ")"
                        + " and (?::text is null or s.code > ?) and (?::text is null or s.owner = ?)"
                        + " and (?::text is null or s.admin_codes @> array[?::text]) order by s.code limit ?",
                ps -> {
                    int i = bind(ps, 1, visible);
                    ps.setString(i++, after);
                    ps.setString(i++, after);
                    ps.setString(i++, owner);
                    ps.setString(i++, owner);
                    ps.setString(i++, adminCode);
                    ps.setString(i++, adminCode);
                    ps.setInt(i, limit);
                }, StationStore::station);
    }

    /** The stations among {@code codes} that exist, by code. */
    public Map<String, StationRef> refs(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Map.of();
        }
        return Sql.list(dataSource,
                "select code, name, owner, classification, location::text, admin_codes"
                        + " from station where code = any(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", codes.toArray())), StationStore::ref)
                .stream().collect(Collectors.toMap(StationRef::code, Function.identity()));
    }

    /** The stations a rule watches: those it names and those in the administrative units it names. */
    public List<StationRef> watched(List<String> stations, List<String> adminCodes) {
        return Sql.list(dataSource, "select code, name, owner, classification, location::text, admin_codes"
                + " from station where code = any(?) or admin_codes && ? order by code", ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", stations.toArray()));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", adminCodes.toArray()));
                }, StationStore::ref);
    }

    /** Marks (or, with {@code null}, clears) a station's data gap. */
    public void dataGap(String code, Instant since) {
        Sql.update(dataSource,
                "update station set data_gap_since = ? where code = ?" + " and data_gap_since is distinct from ?",
                ps -> {
                    ps.setObject(1, Sql.time(since));
                    ps.setString(2, code);
                    ps.setObject(3, Sql.time(since));
                });
    }

    // ------------------------------------------------------------------ indicators

    public List<IndicatorDefinition> indicators() {
        return Sql.list(dataSource,
                "select code, name, name_en, unit, domain, description from indicator order by code", ps -> {
                }, StationStore::indicator);
    }

    public Optional<IndicatorDefinition> indicator(String code) {
        return Sql.one(dataSource,
                "select code, name, name_en, unit, domain, description from indicator where code = ?",
                ps -> ps.setString(1, code), StationStore::indicator);
    }

    /** The indicators among {@code codes} that exist, by code. */
    public Map<String, IndicatorDefinition> indicators(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Map.of();
        }
        return Sql
                .list(dataSource,
                        "select code, name, name_en, unit, domain, description from indicator" + " where code = any(?)",
                        ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", codes.toArray())),
                        StationStore::indicator)
                .stream().collect(Collectors.toMap(IndicatorDefinition::code, Function.identity()));
    }

    /** Inserts or replaces an indicator; {@code true} when it is new. */
    public boolean putIndicator(IndicatorDefinition i, String by) {
        return Sql.list(dataSource, """
                insert into indicator (code, name, name_en, unit, domain, description, updated_by)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (code) do update set name = excluded.name, name_en = excluded.name_en,
                    unit = excluded.unit, domain = excluded.domain, description = excluded.description,
                    updated_by = excluded.updated_by, updated_at = now()
                returning (xmax = 0)""", ps -> {
            ps.setString(1, i.code());
            ps.setString(2, i.name());
            ps.setString(3, i.nameEn());
            ps.setString(4, i.unit());
            ps.setString(5, i.domain().toString());
            ps.setString(6, i.description());
            ps.setString(7, by);
        }, rs -> rs.getBoolean(1)).get(0);
    }

    // ------------------------------------------------------------------ rows

    static int bind(java.sql.PreparedStatement ps, int first, Visibility.Predicate visible) throws SQLException {
        int i = first;
        for (Object p : visible.params()) {
            ps.setObject(i++, p);
        }
        return i;
    }

    private static Station station(ResultSet rs) throws SQLException {
        return new Station(rs.getString(1), rs.getString(2), rs.getString(3),
                Vocabulary.fromWireValue(Classification.class, rs.getString(4)).orElseThrow(),
                RecordJson.parseTree(rs.getString(5)), attributes(rs.getString(6)), Sql.instant(rs, 7), rs.getInt(8),
                Sql.instant(rs, 9), Sql.instant(rs, 10));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(String json) {
        return RecordJson.MAPPER.convertValue(RecordJson.parseTree(json), Map.class);
    }

    private static StationRef ref(ResultSet rs) throws SQLException {
        return new StationRef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                (ObjectNode) RecordJson.parseTree(rs.getString(5)), List.of((String[]) rs.getArray(6).getArray()));
    }

    private static IndicatorDefinition indicator(ResultSet rs) throws SQLException {
        return new IndicatorDefinition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Vocabulary.fromWireValue(org.lienthong.hub.api.schema.Domain.class, rs.getString(5)).orElseThrow(),
                rs.getString(6));
    }
}
