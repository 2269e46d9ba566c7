package org.lienthong.hub.warning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.record.RecordJson;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Warning rules (head and versions), their evaluation state and their episodes in PostgreSQL. */
@ApplicationScoped
public class RuleStore {

    /** A rule's current version. */
    public record Head(UUID id, int version, String owner, String classification, RuleStatus status, Instant createdAt,
            Instant updatedAt) {
    }

    /** One stored version of a rule. */
    public record StoredVersion(UUID id, int version, ObjectNode body, Instant effectiveFrom, String authorOrg,
            String authorSubject, Instant recordedAt) {
    }

    /** An episode as stored. */
    public record EpisodeRow(UUID id, UUID ruleId, String station, Instant startedAt, Instant quietBefore,
            Instant endedAt, int level, String status, Instant writtenThrough, Instant lastReadingAt,
            Instant dataGapSince) {
    }

    private static final String HEAD = "r.id, r.version, r.owner, r.classification, r.status, r.created_at,"
            + " r.updated_at";
    private static final String EPISODE = "id, rule_id, station, started_at, quiet_before, ended_at, level, status,"
            + " written_through, last_reading_at, data_gap_since";

    @Inject
    DataSource dataSource;

    // ------------------------------------------------------------------ rules

    public void insert(UUID id, WarningRule rule, ObjectNode body, Instant effectiveFrom, String org, String subject) {
        Sql.update(dataSource, """
                insert into warning_rule (id, version, name, indicator, owner, classification, status, stations,
                                          admin_codes)
                values (?, 1, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, id);
            ps.setString(2, rule.name());
            ps.setString(3, rule.indicator());
            ps.setString(4, rule.owner());
            ps.setString(5, rule.classification().toString());
            ps.setString(6, rule.status().name());
            ps.setArray(7, ps.getConnection().createArrayOf("text", rule.stations().toArray()));
            ps.setArray(8, ps.getConnection().createArrayOf("text", rule.adminCodes().toArray()));
        });
        insertVersion(id, 1, body, effectiveFrom, org, subject);
    }

    /** Moves the head to a new version; the caller holds the head's lock ({@link #lock}). */
    public void update(UUID id, int version, WarningRule rule, ObjectNode body, Instant effectiveFrom, String org,
            String subject) {
        Sql.update(dataSource, """
                update warning_rule set version = ?, name = ?, indicator = ?, owner = ?, classification = ?,
                       status = ?, stations = ?, admin_codes = ?, updated_at = now()
                 where id = ?""", ps -> {
            ps.setInt(1, version);
            ps.setString(2, rule.name());
            ps.setString(3, rule.indicator());
            ps.setString(4, rule.owner());
            ps.setString(5, rule.classification().toString());
            ps.setString(6, rule.status().name());
            ps.setArray(7, ps.getConnection().createArrayOf("text", rule.stations().toArray()));
            ps.setArray(8, ps.getConnection().createArrayOf("text", rule.adminCodes().toArray()));
            ps.setObject(9, id);
        });
        insertVersion(id, version, body, effectiveFrom, org, subject);
    }

    private void insertVersion(UUID id, int version, ObjectNode body, Instant effectiveFrom, String org,
            String subject) {
        Sql.update(dataSource, """
                insert into warning_rule_version (rule_id, version, body, effective_from, author_org, author_subject)
                values (?, ?, ?::jsonb, ?, ?, ?)""", ps -> {
            ps.setObject(1, id);
            ps.setInt(2, version);
            ps.setString(3, RecordJson.write(body));
            ps.setObject(4, Sql.time(effectiveFrom));
            ps.setString(5, org);
            ps.setString(6, subject);
        });
    }

    /** The head, locked for the caller's transaction. */
    public Optional<Head> lock(UUID id) {
        return Sql.one(dataSource, "select " + HEAD + " from warning_rule r where r.id = ? for update",
                ps -> ps.setObject(1, id), RuleStore::head);
    }

    public Optional<Head> find(UUID id, Visibility.Predicate visible) {
        return Sql.one(dataSource, "select " + HEAD + " from warning_rule r where r.id = ? and (" + visible.sql() + ")",
                ps -> {
                    ps.setObject(1, id);
                    StationStore.bind(ps, 2, visible);
                }, RuleStore::head);
    }

    public List<Head> list(Visibility.Predicate visible, UUID after, int limit) {
        return Sql.list(dataSource, "select " + HEAD + " from warning_rule r where (" + visible.sql() + ")"
                + " and (?::uuid is null or r.id > ?) order by r.id limit ?", ps -> {
                    int i = StationStore.bind(ps, 1, visible);
                    ps.setObject(i++, after);
                    ps.setObject(i++, after);
                    ps.setInt(i, limit);
                }, RuleStore::head);
    }

    /** Every version of a rule, oldest first. */
    public List<StoredVersion> versions(UUID id) {
        return Sql.list(dataSource, """
                select rule_id, version, body::text, effective_from, author_org, author_subject, recorded_at
                  from warning_rule_version where rule_id = ? order by version""", ps -> ps.setObject(1, id),
                rs -> new StoredVersion(rs.getObject(1, UUID.class), rs.getInt(2),
                        (ObjectNode) RecordJson.parseTree(rs.getString(3)), Sql.instant(rs, 4), rs.getString(5),
                        rs.getString(6), Sql.instant(rs, 7)));
    }

    /** The rules evaluated for a station's readings of an indicator (not inactive). */
    public List<UUID> watching(String station, String indicator) {
        return Sql.list(dataSource, """
                select r.id from warning_rule r
                 where r.indicator = ? and r.status <> 'inactive'
                   and (? = any(r.stations)
                        or r.admin_codes && coalesce((select s.admin_codes from station s where s.code = ?), '{}'))
                 order by r.id""", ps -> {
            ps.setString(1, indicator);
            ps.setString(2, station);
            ps.setString(3, station);
        }, rs -> rs.getObject(1, UUID.class));
    }

    // ------------------------------------------------------------------ evaluation state

    /** Locks (creating it if need be) the evaluation state of a rule at a station; its quiet point. */
    public Optional<Instant> lockState(UUID rule, String station) {
        Sql.update(dataSource, "insert into warning_state (rule_id, station) values (?, ?) on conflict do nothing",
                ps -> {
                    ps.setObject(1, rule);
                    ps.setString(2, station);
                });
        return Sql.one(dataSource, "select quiet_at from warning_state where rule_id = ? and station = ? for update",
                ps -> {
                    ps.setObject(1, rule);
                    ps.setString(2, station);
                }, rs -> Optional.ofNullable(Sql.instant(rs, 1))).orElseThrow();
    }

    public void saveState(UUID rule, String station, Instant quietAt) {
        Sql.update(dataSource,
                "update warning_state set quiet_at = ?, evaluated_at = now() where rule_id = ?" + " and station = ?",
                ps -> {
                    ps.setObject(1, Sql.time(quietAt));
                    ps.setObject(2, rule);
                    ps.setString(3, station);
                });
    }

    // ------------------------------------------------------------------ episodes

    public List<EpisodeRow> episodes(UUID rule, String station) {
        return Sql.list(dataSource, "select " + EPISODE + " from warning_episode where rule_id = ? and station = ?"
                + " order by started_at", ps -> {
                    ps.setObject(1, rule);
                    ps.setString(2, station);
                }, RuleStore::episode);
    }

    public List<EpisodeRow> episodes(UUID rule) {
        return Sql.list(dataSource,
                "select " + EPISODE + " from warning_episode where rule_id = ?" + " order by started_at desc, station",
                ps -> ps.setObject(1, rule), RuleStore::episode);
    }

    /** Active episodes that have a rule with a no-data limit, with it (ISO duration). */
    public List<EpisodeRow> active() {
        return Sql.list(dataSource,
                "select " + EPISODE + " from warning_episode where status = 'active'" + " order by started_at", ps -> {
                }, RuleStore::episode);
    }

    public void saveEpisode(EpisodeRow e) {
        Sql.update(dataSource, """
                insert into warning_episode (id, rule_id, station, started_at, quiet_before, ended_at, level, status,
                                             written_through, last_reading_at, data_gap_since)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set quiet_before = excluded.quiet_before, ended_at = excluded.ended_at,
                    level = excluded.level, status = excluded.status, written_through = excluded.written_through,
                    last_reading_at = excluded.last_reading_at, data_gap_since = excluded.data_gap_since,
                    updated_at = now()""", ps -> {
            ps.setObject(1, e.id());
            ps.setObject(2, e.ruleId());
            ps.setString(3, e.station());
            ps.setObject(4, Sql.time(e.startedAt()));
            ps.setObject(5, Sql.time(e.quietBefore()));
            ps.setObject(6, Sql.time(e.endedAt()));
            ps.setInt(7, e.level());
            ps.setString(8, e.status());
            ps.setObject(9, Sql.time(e.writtenThrough()));
            ps.setObject(10, Sql.time(e.lastReadingAt()));
            ps.setObject(11, Sql.time(e.dataGapSince()));
        });
    }

    private static Head head(ResultSet rs) throws SQLException {
        return new Head(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4),
                RuleStatus.valueOf(rs.getString(5)), Sql.instant(rs, 6), Sql.instant(rs, 7));
    }

    private static EpisodeRow episode(ResultSet rs) throws SQLException {
        return new EpisodeRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                Sql.instant(rs, 4), Sql.instant(rs, 5), Sql.instant(rs, 6), rs.getInt(7), rs.getString(8),
                Sql.instant(rs, 9), Sql.instant(rs, 10), Sql.instant(rs, 11));
    }
}
