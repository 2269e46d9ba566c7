package db.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.VersionRow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Version hashes become SHA-256 of RFC 8785 (issue 17, AUDIT.md): every stored version is hashed again, in order within
 * its record (a version's parents are earlier versions of the same record, so their new hashes are known when it is
 * reached), and everything that names a version by its hash follows: the version's own {@code parents}, the head, the
 * replication hops (the foreign key now cascades) and the conflicts. The stored content is rewritten in its canonical
 * form, the text the hash covers (numbers as the doubles they denote, written as ECMAScript writes them).
 *
 * <p>
 * Chain checkpoints signed over the old hashes are removed: they certify hashes that no longer exist, and the next
 * checkpoint covers the history anew. A parent held only by another hub (a replicated version whose parent never came
 * here) keeps its old hash; that hub's own migration renames it. Dead letters keep the payload they were refused with.
 * Running it again changes nothing.
 */
public class V15__Rfc8785Hashes extends BaseJavaMigration {

    private static final int RECORDS_PER_ROUND = 500;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        int changed = 0;
        UUID after = null;
        while (true) {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id from record_head where ?::uuid is null or id > ?"
                    + " order by id limit " + RECORDS_PER_ROUND)) {
                ps.setObject(1, after);
                ps.setObject(2, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            if (ids.isEmpty()) {
                break;
            }
            changed += rehash(c, ids);
            after = ids.get(ids.size() - 1);
        }
        if (changed > 0) {
            try (Statement s = c.createStatement()) {
                s.execute("alter table audit_checkpoint disable trigger audit_checkpoint_no_update_delete");
                s.execute("delete from audit_checkpoint");
                s.execute("alter table audit_checkpoint enable trigger audit_checkpoint_no_update_delete");
            }
        }
    }

    /**
     * Hashes these records' versions again and renames what names them; returns how many versions changed. Public for
     * the test that runs it over rows in the old form.
     */
    public static int rehash(Connection c, List<UUID> records) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("alter table record_version disable trigger record_version_no_update_delete");
            s.execute("alter table hop drop constraint if exists hop_hash_fkey");
            s.execute("alter table hop add constraint hop_hash_fkey foreign key (hash) references record_version (hash)"
                    + " on update cascade");
        }
        int changed = 0;
        for (UUID id : records) {
            changed += rehashRecord(c, id);
        }
        try (Statement s = c.createStatement()) {
            s.execute("alter table record_version enable trigger record_version_no_update_delete");
        }
        return changed;
    }

    /** Hashes one record's versions again; returns how many changed. */
    private static int rehashRecord(Connection c, UUID id) throws SQLException {
        Map<String, String> renamed = new HashMap<>();
        int changed = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                select version, kind, owner, classification, source_system, source_id, deleted, content, activity,
                       author_org, author_subject, author_role, recorded_at, origin_hub, connector, hash, parents,
                       derivation
                  from record_version where record_id = ? order by version""")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String oldHash = rs.getString(16);
                    String oldContent = rs.getString(8);
                    List<String> oldParents = List.of((String[]) rs.getArray(17).getArray());
                    List<String> parents = oldParents.stream().map(p -> renamed.getOrDefault(p, p)).toList();
                    String derivation = rs.getString(18);
                    VersionRow v = new VersionRow(id, rs.getString(2), rs.getInt(1), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBoolean(7),
                            (ObjectNode) RecordJson.parseTree(oldContent), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12), rs.getObject(13, OffsetDateTime.class).toInstant(),
                            rs.getString(14), rs.getString(15), null, parents,
                            derivation == null ? null : (ObjectNode) RecordJson.parseTree(derivation), null).hashed();
                    String content = v.canonicalContent();
                    if (v.hash().equals(oldHash) && content.equals(oldContent) && parents.equals(oldParents)) {
                        continue;
                    }
                    renamed.put(oldHash, v.hash());
                    update(c, id, v, content);
                    changed++;
                }
            }
        }
        if (!renamed.isEmpty()) {
            follow(c, id, renamed);
        }
        return changed;
    }

    private static void update(Connection c, UUID id, VersionRow v, String content) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update record_version set content = ?::json, hash = ?, parents = ? where record_id = ? and version = ?")) {
            Array parents = c.createArrayOf("text", v.parents().toArray());
            ps.setString(1, content);
            ps.setString(2, v.hash());
            ps.setArray(3, parents);
            ps.setObject(4, id);
            ps.setInt(5, v.version());
            ps.executeUpdate();
        }
    }

    /** The head and the conflicts of a record name its versions by hash (hops follow by the cascading key). */
    private static void follow(Connection c, UUID id, Map<String, String> renamed) throws SQLException {
        for (String sql : List.of("update record_head set hash = ? where id = ? and hash = ?",
                "update conflict set local_hash = ? where record_id = ? and local_hash = ?",
                "update conflict set incoming_hash = ? where record_id = ? and incoming_hash = ?",
                "update conflict set winner_hash = ? where record_id = ? and winner_hash = ?",
                "update conflict set merge_hash = ? where record_id = ? and merge_hash = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Map.Entry<String, String> e : renamed.entrySet()) {
                    ps.setString(1, e.getValue());
                    ps.setObject(2, id);
                    ps.setString(3, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
