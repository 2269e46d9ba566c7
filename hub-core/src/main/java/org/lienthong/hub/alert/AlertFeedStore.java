package org.lienthong.hub.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.connector.cap.CapWriter;
import org.lienthong.hub.record.RecordStore;
import org.lienthong.hub.record.RecordStore.Stored;
import org.lienthong.hub.record.StoreException;

/**
 * SQL for the public CAP feed: which threats' current versions are public alerts, in one predicate over
 * {@code record_head h} and its current {@code record_version v}. Nobody's visibility applies here: the predicate
 * admits only what may be shown to anyone.
 */
@ApplicationScoped
public class AlertFeedStore {

    /** How long an alert stays in the feed after it ended or expired, so that aggregators see the end. */
    public static final Duration LINGER = Duration.ofHours(48);

    /**
     * A threat's current version is a public alert when it is public, not deleted, not a drill, has an area that
     * locates something (a geometry or an admin code: aggregators refuse an alert they cannot place), and has not been
     * over for more than {@link #LINGER}. "Over" is when its CAP message expires, as {@link CapWriter} writes it: an
     * ended threat when the version that ended it was recorded; otherwise its {@code expires}, or without one
     * {@link CapWriter#DEFAULT_VALIDITY} after the latest of the version's time, {@code effective} and {@code onset}.
     * Two parameters: the default validity and the linger, in seconds.
     */
    private static final String PUBLIC_ALERT = """
            h.kind = 'threat' and h.classification = 'public' and not h.deleted
            and not v.exercise
            and jsonb_path_exists(v.content::jsonb, '$.areas[*] ? (exists(@.geometry) || exists(@.adminCodes[*]))')
            and case when v.content->>'status' = 'ended' then h.updated_at
                     else coalesce((v.content->>'expires')::timestamptz,
                                   greatest(h.updated_at, (v.content->>'effective')::timestamptz,
                                            (v.content->>'onset')::timestamptz) + make_interval(secs => ?))
                end > now() - make_interval(secs => ?)""";

    private static final String FROM = """
            from record_head h join record_version v on v.record_id = h.id and v.version = h.version
            left join organization o on o.code = h.owner""";

    /** One alert: a threat's current version, and the name of the organisation that owns it (if registered). */
    public record PublicAlert(Stored stored, String ownerName) {
    }

    @Inject
    DataSource dataSource;

    /** The public alerts, the most recently changed first (then by id, so that the order is stable). */
    public List<PublicAlert> list(int limit) {
        // the limit is a literal (a checked int), as in RecordStore.list: a parameter would hide it from the planner
        return query("select " + RecordStore.VERSION_COLUMNS + ", o.name " + FROM + " where " + PUBLIC_ALERT
                + " order by h.updated_at desc, h.id desc limit " + Math.max(1, limit), null);
    }

    /** The threat's current version when it is a public alert. */
    public Optional<PublicAlert> find(UUID id) {
        List<PublicAlert> found = query(
                "select " + RecordStore.VERSION_COLUMNS + ", o.name " + FROM + " where h.id = ? and " + PUBLIC_ALERT,
                id);
        return found.stream().findFirst();
    }

    private List<PublicAlert> query(String sql, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (id != null) {
                ps.setObject(i++, id);
            }
            ps.setDouble(i++, CapWriter.DEFAULT_VALIDITY.toSeconds());
            ps.setDouble(i, LINGER.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                List<PublicAlert> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new PublicAlert(RecordStore.readRaw(rs),
                            rs.getString(RecordStore.VERSION_COLUMN_COUNT + 1)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
