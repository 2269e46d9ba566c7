package org.lienthong.hub.warning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.lienthong.hub.record.StoreException;
import org.lienthong.hub.warning.dto.Observation;
import org.lienthong.hub.warning.dto.ObservationStatus;
import org.lienthong.hub.warning.dto.Quality;

/** Readings in PostgreSQL: monthly partitions of {@code observation}, their corrections, and the evaluation queue. */
@ApplicationScoped
public class ObservationStore {

    /** A reading to write, with its position in the request. */
    public record Row(int index, String station, String indicator, Instant time, double value, Quality quality,
            boolean exercise) {
    }

    /** What writing a row did; {@code previous} is the value a correction replaced. */
    public record Written(int index, ObservationStatus status, Double previous) {
    }

    /** A reading as the evaluator reads it. */
    public record Point(Instant time, double value) {
    }

    /** A key of the evaluation queue. */
    public record Pending(String station, String indicator, Instant since) {
    }

    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'observation_y'yyyy'm'MM");

    @Inject
    DataSource dataSource;

    /** Months known to have a partition (created by any hub process: a cache, checked again on a miss). */
    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

    /**
     * Creates the monthly partitions these months need and do not have yet, in a transaction of their own (DDL), under
     * an advisory lock so that hub processes creating the same month at once do not collide.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void ensurePartitions(Collection<YearMonth> months) {
        Set<YearMonth> missing = new TreeSet<>(months);
        missing.removeAll(partitions);
        if (missing.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_advisory_xact_lock(hashtext('lienthong.observation.partitions'))");
            for (YearMonth m : missing) {
                LocalDate from = m.atDay(1);
                LocalDate to = m.plusMonths(1).atDay(1);
                s.execute("create table if not exists " + PARTITION.format(from) + " partition of observation"
                        + " for values from ('" + from + " 00:00:00+00') to ('" + to + " 00:00:00+00')");
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        partitions.addAll(missing);
    }

    /** The month of an observation time, UTC (partitions are by UTC month). */
    static YearMonth month(Instant t) {
        return YearMonth.from(t.atZone(ZoneOffset.UTC));
    }

    /**
     * Writes readings whose (station, indicator, time) are all different, in one transaction: new ones are created, a
     * different value for an existing one is a correction (the earlier value is kept), the same value is unchanged.
     * What changed is queued for evaluation in the same transaction.
     *
     * <p>
     * Most readings are new, so one statement inserts every row that has no reading yet and queues it; only the rows it
     * finds taken (a resend, a correction, or a row another transaction inserted and committed meanwhile: the insert
     * waits for it) go through the slower path that locks them, keeps the replaced value and reports what it was. Both
     * write in key order, so that two batches with readings in common wait for each other instead of deadlocking.
     */
    @Transactional
    public List<Written> write(List<Row> rows) {
        String insert = """
                with input (idx, station, indicator, time, value, quality, exercise) as (
                    select * from unnest(?::int[], ?::text[], ?::text[], ?::timestamptz[], ?::float8[], ?::text[],
                                         ?::boolean[])),
                ins as (
                    insert into observation (station, indicator, time, value, quality, exercise)
                    select station, indicator, time, value, quality, exercise from input
                     order by station, indicator, time
                    on conflict (station, indicator, time) do nothing
                    returning station, indicator, time),
                queued as (
                    insert into evaluation_queue (station, indicator, since)
                    select station, indicator, min(time) from ins group by station, indicator
                    on conflict (station, indicator) do update
                       set since = least(evaluation_queue.since, excluded.since), queued_at = now())
                select i.idx from input i
                 where not exists (select 1 from ins where (ins.station, ins.indicator, ins.time)
                                                           = (i.station, i.indicator, i.time))""";
        Written[] out = new Written[rows.size()];
        List<Row> taken = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            bind(c, ps, rows);
            Set<Integer> notInserted = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    notInserted.add(rs.getInt(1));
                }
            }
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                if (notInserted.contains(r.index())) {
                    taken.add(r);
                } else {
                    out[i] = new Written(r.index(), ObservationStatus.created, null);
                }
            }
            if (!taken.isEmpty()) {
                Map<Integer, Written> rewritten = new HashMap<>();
                for (Written w : rewrite(c, taken)) {
                    rewritten.put(w.index(), w);
                }
                for (int i = 0; i < rows.size(); i++) {
                    if (out[i] == null) {
                        out[i] = rewritten.get(rows.get(i).index());
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return Arrays.asList(out);
    }

    /** Binds the rows as the seven arrays (idx, station, indicator, time, value, quality, exercise) of a statement. */
    private static void bind(Connection c, PreparedStatement ps, List<Row> rows) throws SQLException {
        int n = rows.size();
        Object[] idx = new Object[n], station = new Object[n], indicator = new Object[n], time = new Object[n],
                value = new Object[n], quality = new Object[n], exercise = new Object[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            idx[i] = r.index();
            station[i] = r.station();
            indicator[i] = r.indicator();
            time[i] = Sql.time(r.time());
            value[i] = r.value();
            quality[i] = r.quality().name();
            exercise[i] = r.exercise();
        }
        ps.setArray(1, c.createArrayOf("int4", idx));
        ps.setArray(2, c.createArrayOf("text", station));
        ps.setArray(3, c.createArrayOf("text", indicator));
        ps.setArray(4, c.createArrayOf("timestamptz", time));
        ps.setArray(5, c.createArrayOf("float8", value));
        ps.setArray(6, c.createArrayOf("text", quality));
        ps.setArray(7, c.createArrayOf("bool", exercise));
    }

    /** Rows whose identity already has a reading: unchanged, or corrected with the earlier value kept. */
    private static List<Written> rewrite(Connection c, List<Row> rows) throws SQLException {
        String sql = """
                with input (idx, station, indicator, time, value, quality, exercise) as (
                    select * from unnest(?::int[], ?::text[], ?::text[], ?::timestamptz[], ?::float8[], ?::text[],
                                         ?::boolean[])),
                old as (
                    select i.idx, o.value, o.quality, o.recorded_at
                      from input i join observation o using (station, indicator, time)),
                saved as (
                    insert into observation_correction (station, indicator, time, value, quality, recorded_at)
                    select i.station, i.indicator, i.time, old.value, old.quality, old.recorded_at
                      from input i join old using (idx)
                     where (old.value, old.quality) is distinct from (i.value, i.quality)),
                up as (
                    insert into observation (station, indicator, time, value, quality, exercise)
                    select station, indicator, time, value, quality, exercise from input
                     order by station, indicator, time
                    on conflict (station, indicator, time) do update
                       set value = excluded.value, quality = excluded.quality, exercise = excluded.exercise,
                           recorded_at = now()
                     where (observation.value, observation.quality)
                           is distinct from (excluded.value, excluded.quality)
                    returning station, indicator, time),
                queued as (
                    insert into evaluation_queue (station, indicator, since)
                    select station, indicator, min(time) from up group by station, indicator
                    on conflict (station, indicator) do update
                       set since = least(evaluation_queue.since, excluded.since), queued_at = now())
                select i.idx, up.station is not null, old.idx is null, old.value
                  from input i left join up using (station, indicator, time) left join old using (idx)
                 order by i.idx""";
        // Lock the rows first, in a statement of their own in this transaction: the upsert below then reads their
        // latest values as what it replaces (a row cannot be locked by the statement that also updates it).
        String lock = """
                select 1 from unnest(?::int[], ?::text[], ?::text[], ?::timestamptz[], ?::float8[], ?::text[],
                                     ?::boolean[]) as i (idx, station, indicator, time, value, quality, exercise)
                  join observation o using (station, indicator, time)
                 order by o.station, o.indicator, o.time for update of o""";
        List<Written> out = new ArrayList<>(rows.size());
        try (PreparedStatement ps = c.prepareStatement(sql); PreparedStatement locking = c.prepareStatement(lock)) {
            bind(c, locking, rows);
            locking.executeQuery().close();
            bind(c, ps, rows);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // written and there was none before: created; written over an earlier value: corrected. (PostgreSQL
                    // gives no xmax from a partitioned table's RETURNING, which would tell inserts from updates.)
                    boolean written = rs.getBoolean(2);
                    boolean fresh = rs.getBoolean(3);
                    double previous = rs.getDouble(4);
                    boolean hadPrevious = !rs.wasNull();
                    ObservationStatus status = !written ? ObservationStatus.unchanged
                            : fresh ? ObservationStatus.created : ObservationStatus.corrected;
                    out.add(new Written(rs.getInt(1), status,
                            status == ObservationStatus.corrected && hadPrevious ? previous : null));
                }
            }
        }
        return out;
    }

    /** A page of a station's readings of one indicator in time order, after {@code after} (exclusive). */
    public List<Observation> page(String station, String indicator, Instant from, Instant to, Instant after,
            int limit) {
        return Sql.list(dataSource, """
                select o.station, o.indicator, o.time, o.value, o.quality, o.exercise, o.recorded_at,
                       (select coalesce(json_agg(json_build_array(c.value, c.quality, c.recorded_at, c.replaced_at)
                                                 order by c.replaced_at), '[]')::text
                          from observation_correction c
                         where c.station = o.station and c.indicator = o.indicator and c.time = o.time)
                  from observation o
                 where o.station = ? and o.indicator = ?
                   and (?::timestamptz is null or o.time >= ?) and (?::timestamptz is null or o.time < ?)
                   and (?::timestamptz is null or o.time > ?)
                 order by o.time limit ?""", ps -> {
            ps.setString(1, station);
            ps.setString(2, indicator);
            ps.setObject(3, Sql.time(from));
            ps.setObject(4, Sql.time(from));
            ps.setObject(5, Sql.time(to));
            ps.setObject(6, Sql.time(to));
            ps.setObject(7, Sql.time(after));
            ps.setObject(8, Sql.time(after));
            ps.setInt(9, limit);
        }, ObservationStore::observation);
    }

    /**
     * The readings that count for evaluation, in time order, from {@code from} on ({@code null}: all): not {@code bad},
     * and, unless {@code withExercise}, not drill readings.
     */
    public List<Point> series(String station, String indicator, Instant from, boolean withExercise) {
        return Sql.list(dataSource, """
                select time, value from observation
                 where station = ? and indicator = ? and quality <> 'bad' and (? or not exercise)
                   and (?::timestamptz is null or time >= ?)
                 order by time""", ps -> {
            ps.setString(1, station);
            ps.setString(2, indicator);
            ps.setBoolean(3, withExercise);
            ps.setObject(4, Sql.time(from));
            ps.setObject(5, Sql.time(from));
        }, rs -> new Point(Sql.instant(rs, 1), rs.getDouble(2)));
    }

    /** The time of a station's latest reading of an indicator, or {@code null}. */
    public Instant latest(String station, String indicator) {
        return Sql.one(dataSource, "select max(time) from observation where station = ? and indicator = ?", ps -> {
            ps.setString(1, station);
            ps.setString(2, indicator);
        }, rs -> Sql.instant(rs, 1)).orElse(null);
    }

    // ------------------------------------------------------------------ the evaluation queue

    /** Takes up to {@code limit} queue entries no other hub process holds, locking them in the caller's transaction. */
    public List<Pending> takeQueued(int limit) {
        return Sql.list(dataSource, """
                select station, indicator, since from evaluation_queue
                 where retry_at is null or retry_at <= now()
                 order by queued_at for update skip locked limit ?""", ps -> ps.setInt(1, limit),
                rs -> new Pending(rs.getString(1), rs.getString(2), Sql.instant(rs, 3)));
    }

    /**
     * Removes a queue entry that was evaluated. The caller's transaction holds the entry's lock since
     * {@link #takeQueued}, so an ingest that queues the same pair meanwhile waits, and queues it again after this
     * transaction: nothing is lost.
     */
    public void dequeue(Pending p) {
        Sql.update(dataSource, "delete from evaluation_queue where station = ? and indicator = ?", ps -> {
            ps.setString(1, p.station());
            ps.setString(2, p.indicator());
        });
    }

    /** After a failed evaluation: try again later, waiting twice as long each time, at most {@code maxSeconds}. */
    public void retryLater(Pending p, int maxSeconds) {
        Sql.update(dataSource, """
                update evaluation_queue set attempts = attempts + 1,
                       retry_at = now() + least(?, power(2, least(attempts, 16))) * interval '1 second'
                 where station = ? and indicator = ?""", ps -> {
            ps.setInt(1, maxSeconds);
            ps.setString(2, p.station());
            ps.setString(3, p.indicator());
        });
    }

    /** Queues a station's readings of an indicator for evaluation from {@code since}. */
    public void enqueue(String station, String indicator, Instant since) {
        Sql.update(dataSource, """
                insert into evaluation_queue (station, indicator, since) values (?, ?, ?)
                on conflict (station, indicator) do update
                   set since = least(evaluation_queue.since, excluded.since), queued_at = now()""", ps -> {
            ps.setString(1, station);
            ps.setString(2, indicator);
            ps.setObject(3, Sql.time(since));
        });
    }

    private static Observation observation(ResultSet rs) throws SQLException {
        List<Observation.Correction> corrections = new ArrayList<>();
        for (var c : org.lienthong.hub.record.RecordJson.parseTree(rs.getString(8))) {
            corrections.add(new Observation.Correction(c.get(0).asDouble(), Quality.valueOf(c.get(1).asText()),
                    java.time.OffsetDateTime.parse(c.get(2).asText()).toInstant(),
                    java.time.OffsetDateTime.parse(c.get(3).asText()).toInstant()));
        }
        return new Observation(rs.getString(1), rs.getString(2), Sql.instant(rs, 3), rs.getDouble(4),
                Quality.valueOf(rs.getString(5)), rs.getBoolean(6), Sql.instant(rs, 7), corrections);
    }
}
