package org.lienthong.hub.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * SQL of replication's own tables, {@code hop} and {@code conflict}, one statement for a whole chunk of received
 * versions. Joins the caller's transaction, as {@link RecordStore} does.
 */
@ApplicationScoped
public class ReplicaStore {

    /** A conflict met: the local head, the received version, the winner and the merge version written. */
    public record ConflictRow(UUID recordId, String kind, String owner, String localHash, String incomingHash,
            String winnerHash, String mergeHash) {
    }

    @Inject
    DataSource dataSource;

    /** Records where these versions came from; a hop already recorded (same hash and hub) is left as it is. */
    public void insertHops(List<VersionRow> versions, String fromHub, String receivedBy) {
        if (versions.isEmpty()) {
            return;
        }
        String sql = """
                insert into hop (hash, record_id, from_hub, received_by)
                select u.hash, u.id, ?, ? from unnest(?::text[], ?::uuid[]) as u(hash, id)
                    on conflict do nothing""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, fromHub);
            ps.setString(2, receivedBy);
            ps.setArray(3, c.createArrayOf("text", versions.stream().map(VersionRow::hash).toArray()));
            ps.setArray(4, c.createArrayOf("uuid", versions.stream().map(VersionRow::id).toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Lists these conflicts as open. */
    public void insertConflicts(List<ConflictRow> conflicts) {
        if (conflicts.isEmpty()) {
            return;
        }
        String sql = """
                insert into conflict (id, record_id, kind, owner, local_hash, incoming_hash, winner_hash, merge_hash)
                select gen_random_uuid(), u.* from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
                                                          ?::text[], ?::text[])
                       as u(record_id, kind, owner, local_hash, incoming_hash, winner_hash, merge_hash)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", conflicts.stream().map(ConflictRow::recordId).toArray()));
            ps.setArray(2, c.createArrayOf("text", conflicts.stream().map(ConflictRow::kind).toArray()));
            ps.setArray(3, c.createArrayOf("text", conflicts.stream().map(ConflictRow::owner).toArray()));
            ps.setArray(4, c.createArrayOf("text", conflicts.stream().map(ConflictRow::localHash).toArray()));
            ps.setArray(5, c.createArrayOf("text", conflicts.stream().map(ConflictRow::incomingHash).toArray()));
            ps.setArray(6, c.createArrayOf("text", conflicts.stream().map(ConflictRow::winnerHash).toArray()));
            ps.setArray(7, c.createArrayOf("text", conflicts.stream().map(ConflictRow::mergeHash).toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
