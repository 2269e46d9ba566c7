package org.lienthong.hub.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.access.Access;
import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.record.RecordStore;
import org.lienthong.hub.record.RecordStore.Stored;
import org.lienthong.hub.record.StoreException;

/**
 * Reads the change feed: every committed version, exactly once, in transaction-id order.
 *
 * <h2>Why the horizon</h2> Every version row carries the id of the transaction that wrote it ({@code txid}, from
 * {@code pg_current_xact_id()}) and a sequence number. Neither alone is a safe cursor: a transaction that started
 * earlier (smaller id, smaller sequence numbers) may commit after a later one, so a reader that had already moved past
 * the later one's rows would never see the earlier one's. The query therefore only returns rows whose transaction id is
 * below {@code pg_snapshot_xmin(pg_current_snapshot())}: every transaction with a smaller id has ended, so no row can
 * ever appear behind the cursor again. Rows of transactions still running (or of ones that committed while an older one
 * is still running) are delivered once the horizon passes them. Aborted transactions leave no rows.
 *
 * <h2>Order</h2> Rows are ordered by {@code (txid, seq)}. For one record this is its version order: a writer of version
 * n+1 must first lock the record's head, which the writer of version n held until it committed, and once the lock is
 * granted the record store checks that version n's transaction id is smaller than the writer's own; when it is not (the
 * writer got its id before it waited, and a newer transaction got the lock first) the writer's transaction is rolled
 * back and run again in a new one ({@code OrderRetry}). So a version is never stored with a smaller transaction id than
 * its parent, whatever path wrote it.
 *
 * <h2>Visibility</h2> Each change is tested with the caller's {@link Visibility} predicate against the record's current
 * head; changes the caller may not see are skipped, and the cursor still moves past them.
 *
 * <h2>Exercises</h2> A version that is an exercise ({@code record_version.exercise}, a drill) is skipped in the same
 * way unless the reader asks for exercises: it is scanned and counted, the cursor moves past it, and {@code more} says
 * whether the scan stopped at its limit. So a reader without exercises and one with them both see every other version
 * exactly once, in the same order, from cursors that interleave freely. Unlike visibility this is a property of the
 * version, not of the record's current head: each version is judged by its own content.
 */
@ApplicationScoped
public class ChangeFeed {

    @Inject
    DataSource dataSource;

    /** One change and where it is in the feed. */
    public record Change(ChangeCursor cursor, Stored record) {
    }

    /**
     * @param changes
     *            visible changes, oldest first
     * @param next
     *            where to continue; equals the request's cursor when nothing new was scanned
     * @param more
     *            whether rows beyond {@code next} may already be readable (the scan stopped at its limit)
     */
    public record Page(List<Change> changes, ChangeCursor next, boolean more) {
    }

    /**
     * The next changes after {@code after}.
     *
     * @param kinds
     *            only versions of these kinds
     * @param includeExercise
     *            also exercise versions; without it they are skipped (and still stepped over)
     * @param limit
     *            at most this many changes, and at most this many rows scanned
     */
    public Page read(ChangeCursor after, List<String> kinds, boolean includeExercise, int limit, Access access) {
        Visibility.Predicate visible = Visibility.of(access);
        // as many rows are examined as may be returned: hidden ones make a page shorter, never slower; the limit
        // goes into the SQL as a literal (a checked int) because plans are generic (see application.properties)
        int scan = limit;
        // the scanned window is chosen without joins (index range on (txid, seq)); the head join and the
        // visibility test run only on that window
        // The window is the next rows in (txid, seq) order, read straight off the index with no other condition so
        // that the plan is an ordered index scan whatever the statistics; the horizon, the kinds, the exercise flag
        // and the visibility are evaluated on that window. Rows are ordered by txid, so the first one at or above the
        // horizon ends the page: everything after it is above the horizon too.
        String sql = "with scanned as (select v.record_id, v.version, v.txid, v.seq, v.kind from record_version v"
                + " where (v.txid, v.seq) > (?::text::xid8, ?)" + " order by v.txid, v.seq limit " + scan + ")"
                + " select " + RecordStore.VERSION_COLUMNS + ", s.txid::text, s.seq, (" + visible.sql()
                + ") as visible," + " s.txid < hz.horizon as settled,"
                + " s.kind = any(?::text[]) and (? or not v.exercise) as wanted" + " from scanned s"
                // the horizon once per statement: pg_current_snapshot() builds a snapshot each time it is called
                + " cross join (select pg_snapshot_xmin(pg_current_snapshot()) as horizon) hz"
                + " join record_version v on v.record_id = s.record_id and v.version = s.version"
                + " join record_head h on h.id = s.record_id order by s.txid, s.seq";
        List<Change> changes = new ArrayList<>();
        ChangeCursor last = after;
        int scanned = 0;
        boolean reachedHorizon = false;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, Long.toString(after.txid()));
            ps.setLong(i++, after.seq());
            for (Object p : visible.params()) {
                ps.setObject(i++, p);
            }
            ps.setString(i++, "{" + String.join(",", kinds) + "}");
            ps.setBoolean(i++, includeExercise);
            int txidColumn = RecordStore.VERSION_COLUMN_COUNT + 1;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getBoolean(txidColumn + 3)) {
                        reachedHorizon = true;
                        break;
                    }
                    scanned++;
                    ChangeCursor here = new ChangeCursor(Long.parseLong(rs.getString(txidColumn)),
                            rs.getLong(txidColumn + 1));
                    if (rs.getBoolean(txidColumn + 2) && rs.getBoolean(txidColumn + 4)) {
                        changes.add(new Change(here, RecordStore.readRaw(rs)));
                    }
                    last = here;
                    if (changes.size() == limit) {
                        break;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        boolean more = !reachedHorizon && (changes.size() == limit || scanned == scan);
        return new Page(changes, last, more);
    }
}
