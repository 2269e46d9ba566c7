package org.lienthong.hub.audit.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.feed.ChangeCursor;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.RecordStore;
import org.lienthong.hub.record.RecordStore.Stored;
import org.lienthong.hub.record.StoreException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The audit export: the first n versions of the change feed as NDJSON, one line per version in feed order, so that line
 * k is version k of the audit chain.
 *
 * <p>
 * A version the caller may see (the visibility rule of every read, applied to the record's current head as the change
 * feed does) is written exactly as the API renders a record ({@link RecordJson#write}): envelope, provenance with hash
 * and parents, content. That is everything its hash is computed from. A version the caller may not see is written
 * redacted, <code>{"id", "kind", "version", "redacted": true, "provenance": {"originHub", "hash", "parents"}}</code>:
 * it still has its place in the chain, but its content stays hidden and its hash cannot be recomputed by this caller.
 */
@ApplicationScoped
public class AuditExport {

    /** Versions read per statement. */
    static final int CHUNK = 1000;

    @Inject
    DataSource dataSource;

    /**
     * Writes {@code count} stable versions of the feed, those after the feed position {@code from} (a checkpoint's
     * cursor, or {@link ChangeCursor#START}), to {@code out}.
     */
    public void write(ChangeCursor from, long count, Visibility.Predicate visible, OutputStream out)
            throws IOException {
        int extra = RecordStore.VERSION_COLUMN_COUNT + 1;
        ChangeCursor after = from;
        long written = 0;
        while (written < count) {
            int rows = 0;
            // the window is read off the (txid, seq) index, as the change feed does; the limit is a literal (a
            // checked number) because plans are generic (see application.properties)
            String sql = "with hz as (select pg_snapshot_xmin(pg_current_snapshot()) as horizon),"
                    + " scanned as (select v.record_id, v.version, v.txid, v.seq from record_version v, hz"
                    + " where (v.txid, v.seq) > (?::text::xid8, ?) and v.txid < hz.horizon"
                    + " order by v.txid, v.seq limit " + Math.min(CHUNK, count - written) + ")" + " select "
                    + RecordStore.VERSION_COLUMNS + ", s.txid::text, s.seq, (" + visible.sql()
                    + ") as visible from scanned s"
                    + " join record_version v on v.record_id = s.record_id and v.version = s.version"
                    + " join record_head h on h.id = s.record_id order by s.txid, s.seq";
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, Long.toString(after.txid()));
                ps.setLong(i++, after.seq());
                for (Object p : visible.params()) {
                    ps.setObject(i++, p);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Stored s = RecordStore.readRaw(rs);
                        out.write(rs.getBoolean(extra + 2) ? RecordJson.bytes(s) : redacted(s));
                        out.write('\n');
                        after = new ChangeCursor(Long.parseLong(rs.getString(extra)), rs.getLong(extra + 1));
                        rows++;
                    }
                }
            } catch (SQLException e) {
                throw new StoreException(e);
            }
            written += rows;
            if (rows == 0) {
                break; // fewer stable versions than asked for: the resource checked, so only if rows vanished
            }
        }
        out.flush();
    }

    private static byte[] redacted(Stored s) throws IOException {
        var v = s.version();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = RecordJson.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", v.id().toString());
            g.writeStringField("kind", v.kind());
            g.writeNumberField("version", v.version());
            g.writeBooleanField("redacted", true);
            g.writeObjectFieldStart("provenance");
            g.writeStringField("originHub", v.originHub());
            g.writeStringField("hash", v.hash());
            g.writeArrayFieldStart("parents");
            for (String parent : v.parents()) {
                g.writeString(parent);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
