package org.lienthong.hub.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.lienthong.hub.audit.dto.VerifyResult;
import org.lienthong.hub.record.RecordStore;
import org.lienthong.hub.record.StoreException;
import org.lienthong.hub.record.VersionHash;
import org.lienthong.hub.record.VersionRow;

/**
 * Checks stored history against itself: each version's hash recomputed from its stored content and provenance, version
 * numbers without gaps, every parent among the record's earlier versions, and the head pointing at the last version. An
 * edit made behind the hub's back (SQL with the insert-only trigger disabled) changes a hash; a removal leaves a gap, a
 * dangling parent or a head without its version.
 */
@ApplicationScoped
public class Verifier {

    @Inject
    DataSource dataSource;

    /** Verifies one record ({@code id} given) or every record. */
    @Transactional
    public VerifyResult verify(String kind, UUID id) {
        List<VerifyResult.Failure> failures = new ArrayList<>();
        long checked = 0;
        String filter = id == null ? "" : " where h.id = ? and h.kind = ?";
        try (Connection c = dataSource.getConnection()) {
            // records left without any version at all
            try (PreparedStatement ps = c.prepareStatement(
                    "select h.id, h.kind, h.version from record_head h" + filter + (id == null ? " where" : " and")
                            + " not exists (select 1 from record_version v where v.record_id = h.id)")) {
                bind(ps, kind, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fail(failures, rs.getString(2), rs.getString(1), rs.getInt(3), "no version is stored");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select " + RecordStore.VERSION_COLUMNS
                    + ", h.version, h.hash from record_head h join record_version v on v.record_id = h.id" + filter
                    + " order by v.record_id, v.version")) {
                ps.setFetchSize(500);
                bind(ps, kind, id);
                try (ResultSet rs = ps.executeQuery()) {
                    UUID current = null;
                    String currentKind = null;
                    int expected = 1;
                    int headVersion = 0;
                    String headHash = null;
                    String lastHash = null;
                    int lastVersion = 0;
                    Set<String> seen = new HashSet<>();
                    while (rs.next()) {
                        VersionRow v = RecordStore.read(rs).version();
                        if (!v.id().equals(current)) {
                            if (current != null) {
                                checkHead(failures, currentKind, current, headVersion, headHash, lastVersion, lastHash);
                            }
                            current = v.id();
                            currentKind = v.kind();
                            expected = 1;
                            seen.clear();
                            headVersion = rs.getInt(RecordStore.VERSION_COLUMN_COUNT + 1);
                            headHash = rs.getString(RecordStore.VERSION_COLUMN_COUNT + 2).trim();
                        }
                        checked++;
                        if (v.version() != expected) {
                            fail(failures, v.kind(), v.id().toString(), expected,
                                    expected == v.version() - 1 ? "version " + expected + " is missing"
                                            : "versions " + expected + " to " + (v.version() - 1) + " are missing");
                        }
                        String stored = v.hash().trim();
                        String computed = VersionHash.of(v);
                        if (!computed.equals(stored)) {
                            fail(failures, v.kind(), v.id().toString(), v.version(),
                                    "hash mismatch: stored " + stored + ", content and provenance give " + computed);
                        }
                        for (String parent : v.parents()) {
                            if (!seen.contains(parent)) {
                                fail(failures, v.kind(), v.id().toString(), v.version(),
                                        "parent " + parent + " is not an earlier version of this record");
                            }
                        }
                        seen.add(stored);
                        expected = v.version() + 1;
                        lastVersion = v.version();
                        lastHash = stored;
                    }
                    if (current != null) {
                        checkHead(failures, currentKind, current, headVersion, headHash, lastVersion, lastHash);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return new VerifyResult(failures.isEmpty(), checked, failures);
    }

    private static void checkHead(List<VerifyResult.Failure> failures, String kind, UUID id, int headVersion,
            String headHash, int lastVersion, String lastHash) {
        if (headVersion != lastVersion) {
            fail(failures, kind, id.toString(), headVersion,
                    "the record's head is version " + headVersion + " but the last stored version is " + lastVersion);
        } else if (!headHash.equals(lastHash)) {
            fail(failures, kind, id.toString(), headVersion, "the record's head hash differs from its last version's");
        }
    }

    private static void bind(PreparedStatement ps, String kind, UUID id) throws SQLException {
        if (id != null) {
            ps.setObject(1, id);
            ps.setString(2, kind);
        }
    }

    private static void fail(List<VerifyResult.Failure> failures, String kind, String id, int version, String reason) {
        if (failures.size() < 10_000) {
            failures.add(new VerifyResult.Failure(kind, id, version, reason));
        }
    }
}
