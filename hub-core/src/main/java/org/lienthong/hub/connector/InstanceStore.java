package org.lienthong.hub.connector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.StoreException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Connector instances, lanes, dead letters and connector activity in PostgreSQL. */
@ApplicationScoped
public class InstanceStore {

    /** A configured instance. {@code secrets} never leaves the hub. */
    record Instance(String name, String type, ObjectNode config, Map<String, String> secrets, String actAsOrg,
            String actAsClearance, String desired, int generation, boolean runRequested, String failure,
            Instant failedAt, int restarts, Instant restartAt, String leaseOwner, Instant leaseUntil, Instant createdAt,
            String createdBy, Instant updatedAt, String updatedBy) {

        boolean paused() {
            return DesiredState.paused.name().equals(desired);
        }
    }

    record Lane(String instance, String lane, String checkpoint, Instant lastRunAt, Instant lastSuccessAt,
            Instant nextRunAt, String lastError, Instant lastErrorAt, int consecutiveFailures, long runs, long items,
            long failures) {
    }

    record DeadLetter(UUID id, String instance, String lane, String itemType, String kind, UUID recordId, String hash,
            String payload, String detail, String reason, int attempts, String status, Instant createdAt,
            Instant updatedAt, String closedBy) {
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static final String INSTANCE_COLUMNS = "name, type, config::text, secrets::text, act_as_org,"
            + " act_as_clearance, desired, generation, run_requested, failure, failed_at, restarts, restart_at,"
            + " lease_owner, lease_until, created_at, created_by, updated_at, updated_by";

    private static final String LANE_COLUMNS = "instance, lane, checkpoint, last_run_at, last_success_at, next_run_at,"
            + " last_error, last_error_at, consecutive_failures, runs, items, failures";

    private static final String DEAD_LETTER_COLUMNS = "id, instance, lane, item_type, kind, record_id, hash, payload,"
            + " detail, reason, attempts, status, created_at, updated_at, closed_by";

    @Inject
    DataSource dataSource;

    // --- instances

    boolean insert(String name, String type, ObjectNode config, Map<String, String> secrets, String org,
            String clearance, String by) {
        return update(
                "insert into connector_instance (name, type, config, secrets, act_as_org, act_as_clearance,"
                        + " desired, created_by, updated_by) values (?, ?, ?::jsonb, ?::jsonb, ?, ?, 'running', ?, ?)"
                        + " on conflict (name) do nothing",
                name, type, json(config), json(secrets), org, clearance, by, by) == 1;
    }

    /** A new configuration: a new generation, which the runner picks up by reopening; a failure is forgotten. */
    boolean reconfigure(String name, ObjectNode config, Map<String, String> secrets, String org, String clearance,
            String by) {
        return update("update connector_instance set config = ?::jsonb, secrets = ?::jsonb, act_as_org = ?,"
                + " act_as_clearance = ?, generation = generation + 1, failure = null, failed_at = null, restarts = 0,"
                + " restart_at = null, updated_at = now(), updated_by = ? where name = ?", json(config), json(secrets),
                org, clearance, by, name) == 1;
    }

    boolean delete(String name) {
        return update("delete from connector_instance where name = ?", name) == 1;
    }

    /** Pause or resume; resuming also forgets a failure, so the instance starts again at once. */
    boolean setDesired(String name, DesiredState desired, String by) {
        String forget = desired == DesiredState.running
                ? ", failure = null, failed_at = null, restarts = 0, restart_at = null" : "";
        return update("update connector_instance set desired = ?, updated_at = now(), updated_by = ?" + forget
                + " where name = ?", desired.name(), by, name) == 1;
    }

    boolean requestRun(String name) {
        return update("update connector_instance set run_requested = true where name = ?", name) == 1;
    }

    /** Clears a run request; true when there was one. */
    boolean takeRunRequest(String name) {
        return update("update connector_instance set run_requested = false where name = ? and run_requested",
                name) == 1;
    }

    void markFailed(String name, String failure, int restarts, Instant restartAt) {
        update("update connector_instance set failure = ?, failed_at = now(), restarts = ?, restart_at = ?"
                + " where name = ?", failure, restarts, at(restartAt), name);
    }

    /** After a successful run: the instance is healthy again. */
    void clearFailure(String name) {
        update("update connector_instance set failure = null, failed_at = null, restarts = 0, restart_at = null"
                + " where name = ? and (failure is not null or restarts > 0)", name);
    }

    Optional<Instance> find(String name) {
        List<Instance> found = query("select " + INSTANCE_COLUMNS + " from connector_instance where name = ?",
                InstanceStore::instance, name);
        return found.stream().findFirst();
    }

    List<Instance> all() {
        return query("select " + INSTANCE_COLUMNS + " from connector_instance order by name", InstanceStore::instance);
    }

    // --- leases

    /** Takes the instance's lease for {@code owner} when it is free, expired or already {@code owner}'s. */
    boolean tryLease(String name, String owner, Duration lease) {
        return update(
                "update connector_instance set lease_owner = ?, lease_until = now() + ?::interval"
                        + " where name = ? and (lease_owner is null or lease_owner = ? or lease_until < now())",
                owner, interval(lease), name, owner) == 1;
    }

    /** Extends every lease {@code owner} holds; returns the instances it still holds. */
    Set<String> renewLeases(String owner, Duration lease) {
        return new HashSet<>(query(
                "update connector_instance set lease_until = now() + ?::interval"
                        + " where lease_owner = ? and lease_until >= now() returning name",
                rs -> rs.getString(1), interval(lease), owner));
    }

    void releaseLease(String name, String owner) {
        update("update connector_instance set lease_owner = null, lease_until = null where name = ? and lease_owner = ?",
                name, owner);
    }

    /** Inside a batch's transaction: locks the lease row, so the batch commits only while {@code owner} holds it. */
    boolean holdsLease(Connection c, String name, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from connector_instance where name = ?"
                + " and lease_owner = ? and lease_until >= now() for share")) {
            ps.setString(1, name);
            ps.setString(2, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // --- lanes

    void ensureLane(String name, String lane) {
        update("insert into connector_lane (instance, lane) values (?, ?) on conflict do nothing", name, lane);
    }

    List<Lane> lanes(String name) {
        return query("select " + LANE_COLUMNS + " from connector_lane where instance = ? order by lane",
                InstanceStore::lane, name);
    }

    Optional<Lane> lane(String name, String lane) {
        return query("select " + LANE_COLUMNS + " from connector_lane where instance = ? and lane = ?",
                InstanceStore::lane, name, lane).stream().findFirst();
    }

    /** A run that completed: counts, times and (for sinks, outside a batch) the checkpoint. */
    void recordSuccess(String name, String lane, int items, Instant nextRunAt) {
        update("update connector_lane set runs = runs + 1, items = items + ?, last_run_at = now(),"
                + " last_success_at = now(), consecutive_failures = 0, next_run_at = ? where instance = ? and lane = ?",
                items, at(nextRunAt), name, lane);
    }

    void recordFailure(String name, String lane, String error, Instant nextRunAt) {
        update("update connector_lane set runs = runs + 1, failures = failures + 1, last_run_at = now(),"
                + " last_error = ?, last_error_at = now(), consecutive_failures = consecutive_failures + 1,"
                + " next_run_at = ? where instance = ? and lane = ?", error, at(nextRunAt), name, lane);
    }

    /** Inside a batch's transaction. */
    void saveCheckpoint(Connection c, String name, String lane, String checkpoint) throws SQLException {
        try (PreparedStatement ps = c
                .prepareStatement("update connector_lane set checkpoint = ? where instance = ? and lane = ?")) {
            ps.setString(1, checkpoint);
            ps.setString(2, name);
            ps.setString(3, lane);
            ps.executeUpdate();
        }
    }

    // --- dead letters and activity

    /** Inside a batch's transaction (or alone): one dead letter and its activity record. */
    void deadLetter(Connection c, DeadLetter d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into dead_letter (id, instance, lane, item_type, kind,"
                + " record_id, hash, payload, detail, reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Object[] p = { d.id(), d.instance(), d.lane(), d.itemType(), d.kind(), d.recordId(), d.hash(), d.payload(),
                    d.detail(), d.reason() };
            for (int i = 0; i < p.length; i++) {
                ps.setObject(i + 1, p[i]);
            }
            ps.executeUpdate();
        }
        activity(c, d.instance(), d.recordId(), "dead-letter", d.id(), "connector:" + d.instance(), d.reason());
    }

    void activity(Connection c, String instance, UUID recordId, String action, UUID deadLetter, String actor,
            String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into connector_activity (instance, record_id, action,"
                + " dead_letter_id, actor, detail) values (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, instance);
            ps.setObject(2, recordId);
            ps.setString(3, action);
            ps.setObject(4, deadLetter);
            ps.setString(5, actor);
            ps.setString(6, detail);
            ps.executeUpdate();
        }
    }

    /** Oldest first; {@code status} {@code null} for every status. */
    List<DeadLetter> deadLetters(String instance, DeadLetterStatus status, int limit) {
        return query(
                "select " + DEAD_LETTER_COLUMNS + " from dead_letter where instance = ?"
                        + (status == null ? "" : " and status = ?") + " order by created_at, id limit " + limit,
                InstanceStore::deadLetter,
                status == null ? new Object[] { instance } : new Object[] { instance, status.name() });
    }

    Optional<DeadLetter> deadLetter(String instance, UUID id) {
        return query("select " + DEAD_LETTER_COLUMNS + " from dead_letter where instance = ? and id = ?",
                InstanceStore::deadLetter, instance, id).stream().findFirst();
    }

    long openDeadLetters(String instance) {
        return query("select count(*) from dead_letter where instance = ? and status = 'open'", rs -> rs.getLong(1),
                instance).get(0);
    }

    /** Inside a transaction: closes an open dead letter; false when it was not open any more. */
    boolean close(Connection c, UUID id, DeadLetterStatus status, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update dead_letter set status = ?, closed_by = ?,"
                + " updated_at = now() where id = ? and status = 'open'")) {
            ps.setString(1, status.name());
            ps.setString(2, by);
            ps.setObject(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    void failedAgain(UUID id, String reason) {
        update("update dead_letter set attempts = attempts + 1, reason = ?, updated_at = now() where id = ?", reason,
                id);
    }

    // --- plumbing

    private static Instance instance(ResultSet rs) throws SQLException {
        Map<String, String> secrets = new LinkedHashMap<>();
        parse(rs.getString(4)).fields().forEachRemaining(e -> secrets.put(e.getKey(), e.getValue().asText()));
        return new Instance(rs.getString(1), rs.getString(2), (ObjectNode) parse(rs.getString(3)), Map.copyOf(secrets),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getBoolean(9), rs.getString(10),
                instant(rs, 11), rs.getInt(12), instant(rs, 13), rs.getString(14), instant(rs, 15), instant(rs, 16),
                rs.getString(17), instant(rs, 18), rs.getString(19));
    }

    private static Lane lane(ResultSet rs) throws SQLException {
        return new Lane(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
                instant(rs, 6), rs.getString(7), instant(rs, 8), rs.getInt(9), rs.getLong(10), rs.getLong(11),
                rs.getLong(12));
    }

    private static DeadLetter deadLetter(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getInt(11), rs.getString(12), instant(rs, 13), instant(rs, 14), rs.getString(15));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime at(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static String interval(Duration d) {
        return d.toMillis() + " milliseconds";
    }

    private static JsonNode parse(String json) {
        try {
            return RecordJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connector JSON is unreadable", e);
        }
    }

    private static String json(Object value) {
        try {
            return RecordJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private <T> List<T> query(String sql, Rows<T> rows, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rows.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
