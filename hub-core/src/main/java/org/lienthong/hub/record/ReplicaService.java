package org.lienthong.hub.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.lienthong.hub.access.Access;
import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.RecordStore.SourceKey;
import org.lienthong.hub.record.RecordValidator.ValidatedRecord;
import org.lienthong.hub.record.dto.Conflict;
import org.lienthong.hub.record.dto.ReplicaBatchResult;
import org.lienthong.hub.record.dto.ReplicaOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Takes in a version that another hub recorded, keeping its id, content, provenance and hash.
 *
 * <ul>
 * <li>The hash is recomputed from what was received; a mismatch is refused (400): nothing altered in transit or by the
 * sender is stored under an authentic-looking hash.</li>
 * <li>A version whose hash this hub already holds is skipped: replication is idempotent and cannot loop.</li>
 * <li>When the version's parent is the local head it is appended (fast-forward).</li>
 * <li>Otherwise the two heads diverged. The received version is stored too (nothing is discarded), then a merge version
 * with both as parents. The winner is chosen the same way on every hub — the version written by the record's owner
 * organisation, else the later recorded one, else the greater hash — and the merge version is built only from the two
 * parents, so every hub computes the same merge hash and the federation converges. The conflict is listed until someone
 * marks it resolved.</li>
 * </ul>
 */
@ApplicationScoped
public class ReplicaService {

    /** The subject every hub writes into a merge version, so that its hash is the same everywhere. */
    static final String MERGE_SUBJECT = "lienthong:merge";

    public enum Outcome {
        /** This hub already held the version. */
        PRESENT,
        /** Appended after the local head, or the first version of a record new to this hub. */
        APPLIED,
        /** Stored beside a diverged local head, with a merge version. */
        CONFLICT,
        /** Not stored: the sender may not see such a record here, or it clashes with a local record. */
        REFUSED
    }

    /**
     * @param status
     *            for {@link Outcome#REFUSED}: the HTTP status that says why (403 or 409)
     * @param reason
     *            for {@link Outcome#REFUSED}: why, for the sender's operators
     */
    public record Result(Outcome outcome, UUID id, int localVersion, String headHash, int status, String reason) {

        Result(Outcome outcome, UUID id, int localVersion, String headHash) {
            this(outcome, id, localVersion, headHash, 200, null);
        }

        static Result refused(UUID id, int status, String reason) {
            return new Result(Outcome.REFUSED, id, 0, null, status, reason);
        }
    }

    @Inject
    RecordStore store;

    @Inject
    RecordValidator validator;

    @Inject
    ReplicaStore replicaStore;

    @Inject
    DataSource dataSource;

    @Inject
    org.lienthong.hub.config.HubMetrics metrics;

    private static final java.util.regex.Pattern HUB_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The most versions one request may carry. */
    static final int MAX_BATCH = 1000;

    /**
     * {@code POST /api/v1/replicas}: an array of at most {@value #MAX_BATCH} versions, each applied on its own and
     * answered by its index ({@link ReplicaBatchResult}); or one version as a JSON object (older peers), answered with
     * its outcome, or refused as a whole with a problem.
     */
    public Object receive(JsonNode body, String from, Access sender) {
        if (from == null || !HUB_ID.matcher(from).matches()) {
            throw HubException.invalid("from", "is required: the id of the hub the version comes from");
        }
        if (!body.isArray()) {
            Result r = apply(parse(body), from, sender);
            if (r.outcome() == Outcome.REFUSED) {
                throw r.status() == 403 ? HubException.forbidden(r.reason()) : HubException.conflict(r.reason());
            }
            return stored(null, r);
        }
        if (body.size() > MAX_BATCH) {
            throw new HubException(413, "/problems/too-large", "Too many versions",
                    "at most " + MAX_BATCH + " versions per request (nothing was stored)");
        }
        ReplicaOutcome[] results = new ReplicaOutcome[body.size()];
        List<VersionRow> parsed = new ArrayList<>(body.size());
        List<Integer> indexes = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            try {
                parsed.add(parse(body.get(i)));
                indexes.add(i);
            } catch (HubException e) {
                results[i] = new ReplicaOutcome(i, null, null, null, null, e.status(), e.title(), e.detail(),
                        e.errors().isEmpty() ? null : e.errors());
            }
        }
        List<Result> applied = applyRetrying(parsed, from, sender);
        for (int k = 0; k < applied.size(); k++) {
            Result r = applied.get(k);
            int i = indexes.get(k);
            results[i] = r.outcome() == Outcome.REFUSED
                    ? new ReplicaOutcome(i, null, null, null, null, r.status(), null, r.reason(), null) : stored(i, r);
        }
        return new ReplicaBatchResult(List.of(results));
    }

    /** How often a request's versions are tried when concurrent writers get in the way. */
    private static final int ATTEMPTS = 5;

    /** {@link #applyAll} in a transaction of its own, run again after a {@link RetryTransaction} or a deadlock. */
    private List<Result> applyRetrying(List<VersionRow> versions, String from, Access sender) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> applyAll(versions, from, sender));
            } catch (RetryTransaction | StoreException e) {
                boolean retryable = e instanceof RetryTransaction || "40P01".equals(((StoreException) e).sqlState())
                        || "23505".equals(((StoreException) e).sqlState()); // a record created meanwhile
                if (!retryable || attempt == ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", ie);
                }
            }
        }
    }

    private static ReplicaOutcome stored(Integer index, Result r) {
        return new ReplicaOutcome(index, r.outcome().name().toLowerCase(java.util.Locale.ROOT), r.id(), r.headHash(),
                r.localVersion() > 0 ? r.localVersion() : null, null, null, null, null);
    }

    /** Parses and checks a received version (as the change feed renders a record). */
    public VersionRow parse(JsonNode json) {
        if (!json.isObject()) {
            throw HubException.invalid("", "a replica must be a JSON object: one version as the change feed shows it");
        }
        String kind = json.path("kind").asText("");
        if (!RecordKinds.isKind(kind)) {
            throw HubException.invalid("kind", "must be threat, incident or resource");
        }
        ValidatedRecord in = validator.validate(kind, json);
        List<FieldError> errors = new ArrayList<>();
        JsonNode p = json.path("provenance");
        String hash = text(p, "hash", errors, "provenance.hash");
        if (hash != null && !hash.matches("[0-9a-f]{64}")) {
            errors.add(new FieldError("provenance.hash", "must be 64 lower-case hex digits"));
        }
        String activity = text(p, "activity", errors, "provenance.activity");
        String authorOrg = text(p.path("author"), "org", errors, "provenance.author.org");
        String authorSubject = text(p.path("author"), "subject", errors, "provenance.author.subject");
        String role = p.path("author").path("role").isTextual() ? p.path("author").get("role").textValue() : null;
        String originHub = text(p, "originHub", errors, "provenance.originHub");
        String connector = p.path("connector").isTextual() ? p.get("connector").textValue() : null;
        Instant recordedAt = null;
        String at = text(p, "recordedAt", errors, "provenance.recordedAt");
        if (at != null) {
            try {
                recordedAt = OffsetDateTime.parse(at).toInstant();
                if (recordedAt.getNano() % 1000 != 0) {
                    // PostgreSQL keeps microseconds; a finer time could not be stored under the same hash
                    errors.add(new FieldError("provenance.recordedAt", "must not be more precise than a microsecond"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("provenance.recordedAt", "must be an RFC 3339 timestamp"));
            }
        }
        List<String> parents = new ArrayList<>();
        JsonNode ps = p.path("parents");
        if (!ps.isArray() || ps.size() > 2) {
            errors.add(new FieldError("provenance.parents", "must be a list of at most two hashes"));
        } else {
            ps.forEach(h -> parents.add(h.asText()));
        }
        ObjectNode derivation = null;
        JsonNode d = p.get("derivation");
        if (d != null && !d.isNull()) {
            if (!d.isObject() || !DERIVATION_MEMBERS.containsAll(iterable(d.fieldNames()))) {
                errors.add(new FieldError("provenance.derivation",
                        "must be an object of " + String.join(", ", DERIVATION_MEMBERS)));
            } else {
                derivation = (ObjectNode) d;
            }
        }
        if (in.id() == null) {
            errors.add(new FieldError("id", "is required in a replica: records keep their id across hubs"));
        }
        JsonNode deleted = json.path("deleted");
        if (!deleted.isBoolean()) {
            errors.add(new FieldError("deleted", "must be true or false"));
        }
        if (in.owner() == null || in.classification() == null) {
            errors.add(new FieldError("owner", "owner and classification are required in a replica"));
        }
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        VersionRow v = new VersionRow(UUID.fromString(in.id()), kind, 0, in.owner(), in.classification(),
                in.sourceSystem(), in.sourceId(), deleted.booleanValue(), in.content(), activity, authorOrg,
                authorSubject, role, recordedAt, originHub, connector, hash, parents, derivation);
        VersionRow hashed = v.hashed();
        if (!hashed.hash().equals(hash)) {
            throw HubException.invalid("provenance.hash",
                    "does not match the version's content and provenance (computed " + hashed.hash() + ")");
        }
        return hashed;
    }

    private static final List<String> DERIVATION_MEMBERS = List.of("rule", "ruleVersion", "station", "indicator",
            "from", "to");

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private static String text(JsonNode node, String field, List<FieldError> errors, String path) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            errors.add(new FieldError(path, "is required"));
            return null;
        }
        return v.textValue();
    }

    /**
     * Applies a version on behalf of {@code sender}: {@link #applyAll} of that one version.
     */
    @Transactional
    @RetriedWhenOvertaken
    public Result apply(VersionRow incoming, String fromHub, Access sender) {
        return applyAll(List.of(incoming), fromHub, sender).get(0);
    }

    /**
     * Applies versions in order on behalf of {@code sender} (a peer's token, or a connector instance acting for the
     * peer's organisation): a peer may only pass on records its organisation could read here, under the same rule as
     * every read. Joins the caller's transaction when there is one; refusals are results, not exceptions, so that a
     * batch can go on.
     *
     * <p>
     * Each version is decided exactly as if it were applied alone after the ones before it, but the chunk costs a fixed
     * number of statements, whatever its size (an initial sync brings whole pages of new records): which hashes are
     * held, who may see what, lock the heads, read them; then, decided in memory, insert the new heads, all versions
     * (in order: the change feed's order within this transaction), move the heads, record the hops and conflicts.
     *
     * @throws RetryTransaction
     *             when a locked head was written by a transaction with a larger id than this one (its versions would
     *             leave the change feed after ours), or another writer created one of the new records meanwhile: the
     *             transaction must roll back and run again
     */
    @Transactional
    public List<Result> applyAll(List<VersionRow> incoming, String fromHub, Access sender) {
        Set<String> held = store.presentHashes(incoming.stream().map(VersionRow::hash).toList());
        Set<RecordStore.Audience> audiences = new HashSet<>();
        for (VersionRow v : incoming) {
            if (!held.contains(v.hash())) {
                audiences.add(audience(v));
            }
        }
        Set<RecordStore.Audience> visible = store.visibleAudiences(audiences, Visibility.of(sender));
        Set<UUID> ids = new LinkedHashSet<>();
        for (VersionRow v : incoming) {
            if (!held.contains(v.hash()) && visible.contains(audience(v))) {
                ids.add(v.id());
            }
        }
        Map<UUID, String> kinds = store.lockHeads(ids); // throws RetryTransaction when overtaken
        // versions of locked records that arrived while we waited for the lock
        held.addAll(store.presentHashes(incoming.stream().filter(v -> kinds.containsKey(v.id())).map(VersionRow::hash)
                .filter(h -> !held.contains(h)).toList()));
        Map<UUID, VersionRow> heads = new HashMap<>();
        store.heads(kinds.keySet()).forEach(h -> heads.put(h.version().id(), h.version()));
        Set<SourceKey> refs = new HashSet<>();
        for (VersionRow v : incoming) {
            if (!kinds.containsKey(v.id()) && v.sourceSystem() != null && v.sourceId() != null) {
                refs.add(new SourceKey(v.kind(), v.sourceSystem(), v.sourceId()));
            }
        }
        Map<SourceKey, UUID> taken = new HashMap<>(store.idsBySource(refs));

        String receivedBy = sender.org() + "/" + sender.caller().subject();
        List<Result> results = new ArrayList<>(incoming.size());
        List<VersionRow> creations = new ArrayList<>();
        List<VersionRow> versions = new ArrayList<>();
        List<VersionRow> hops = new ArrayList<>();
        List<ReplicaStore.ConflictRow> conflicts = new ArrayList<>();
        Map<UUID, VersionRow> current = new HashMap<>(heads); // the head each record has after the versions before
        for (VersionRow v : incoming) {
            if (held.contains(v.hash())) {
                results.add(new Result(Outcome.PRESENT, v.id(), 0, v.hash()));
                continue;
            }
            if (!visible.contains(audience(v))) {
                results.add(Result.refused(v.id(), 403, "organisation " + sender.org() + " may not pass on a "
                        + v.classification() + " " + v.kind() + " owned by " + v.owner()));
                continue;
            }
            VersionRow head = current.get(v.id());
            String kind = head != null ? head.kind() : kinds.get(v.id());
            if (kind != null && !kind.equals(v.kind())) {
                results.add(Result.refused(v.id(), 409, "record " + v.id() + " exists here as another kind"));
                continue;
            }
            if (head == null) {
                SourceKey ref = v.sourceSystem() == null || v.sourceId() == null ? null
                        : new SourceKey(v.kind(), v.sourceSystem(), v.sourceId());
                if (ref != null && taken.containsKey(ref)) {
                    results.add(Result.refused(v.id(), 409, "another record here already has this sourceRef"));
                    continue;
                }
                VersionRow first = v.renumbered(1);
                if (ref != null) {
                    taken.put(ref, v.id());
                }
                creations.add(first);
                write(first, current, held, versions);
                hops.add(first);
                metrics.replicated(fromHub, first.recordedAt());
                results.add(new Result(Outcome.APPLIED, first.id(), 1, first.hash()));
                continue;
            }
            if (v.parents().contains(head.hash())) {
                VersionRow next = v.renumbered(head.version() + 1);
                write(next, current, held, versions);
                hops.add(next);
                metrics.replicated(fromHub, next.recordedAt());
                results.add(new Result(Outcome.APPLIED, next.id(), next.version(), next.hash()));
                continue;
            }
            // diverged: keep the received version, then merge
            VersionRow theirs = v.renumbered(head.version() + 1);
            write(theirs, current, held, versions);
            hops.add(theirs);
            VersionRow winner = winner(head, theirs);
            VersionRow merge = merge(head, theirs, winner, head.version() + 2);
            write(merge, current, held, versions);
            conflicts.add(new ReplicaStore.ConflictRow(merge.id(), merge.kind(), merge.owner(), head.hash(),
                    theirs.hash(), winner.hash(), merge.hash()));
            results.add(new Result(Outcome.CONFLICT, merge.id(), merge.version(), merge.hash()));
        }

        // new heads in id order, so that two chunks creating the same records cannot deadlock
        creations.sort(Comparator.comparing(VersionRow::id));
        if (store.insertHeads(creations).size() != creations.size()) {
            throw new RetryTransaction("another writer created a record with one of these source references meanwhile");
        }
        store.insertVersions(versions);
        // a new head is written as version 1, not deleted; any other head that moved, once, as it ends
        List<VersionRow> moved = new ArrayList<>();
        for (VersionRow h : current.values()) {
            VersionRow before = heads.get(h.id());
            if (before == null ? h.version() > 1 || h.deleted() : h != before) {
                moved.add(h);
            }
        }
        moved.sort(Comparator.comparing(VersionRow::id));
        store.updateHeads(moved);
        replicaStore.insertHops(hops, fromHub, receivedBy);
        replicaStore.insertConflicts(conflicts);
        return results;
    }

    private static RecordStore.Audience audience(VersionRow v) {
        return new RecordStore.Audience(v.owner(), v.classification(), v.kind());
    }

    /** Stages a version to be inserted: it is its record's head from now on, and held. */
    private static void write(VersionRow v, Map<UUID, VersionRow> current, Set<String> held,
            List<VersionRow> versions) {
        versions.add(v);
        current.put(v.id(), v);
        held.add(v.hash());
    }

    /** The deterministic winner: the owner's version, else the later recorded one, else the greater hash. */
    static VersionRow winner(VersionRow a, VersionRow b) {
        boolean aByOwner = a.authorOrg().equals(a.owner());
        boolean bByOwner = b.authorOrg().equals(b.owner());
        if (aByOwner != bByOwner) {
            return aByOwner ? a : b;
        }
        int time = a.recordedAt().compareTo(b.recordedAt());
        if (time != 0) {
            return time > 0 ? a : b;
        }
        return a.hash().compareTo(b.hash()) > 0 ? a : b;
    }

    /** A merge version computed from its two parents only, so every hub derives the same one. */
    static VersionRow merge(VersionRow a, VersionRow b, VersionRow winner, int number) {
        Instant at = a.recordedAt().isAfter(b.recordedAt()) ? a.recordedAt() : b.recordedAt();
        List<String> parents = new ArrayList<>(List.of(a.hash(), b.hash()));
        parents.sort(null);
        ObjectNode content = winner.content();
        VersionRow m = new VersionRow(winner.id(), winner.kind(), number, winner.owner(), winner.classification(),
                winner.sourceSystem(), winner.sourceId(), winner.deleted(), content, "merge", winner.owner(),
                MERGE_SUBJECT, null, at, winner.originHub(), null, "", parents);
        return m.hashed();
    }

    /** Open (or all) conflicts, newest first, as JSON. */
    public List<Conflict> conflicts(boolean includeResolved, int limit) {
        String sql = "select id, record_id, kind, owner, local_hash, incoming_hash, winner_hash, merge_hash,"
                + " detected_at, resolved_at, resolved_by, resolution from conflict"
                + (includeResolved ? "" : " where resolved_at is null") + " order by detected_at desc limit " + limit;
        List<Conflict> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OffsetDateTime resolved = rs.getObject(10, OffsetDateTime.class);
                out.add(new Conflict(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class).toInstant(),
                        resolved == null ? null : resolved.toInstant(), rs.getString(11), rs.getString(12)));
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    /**
     * Marks a conflict reviewed ({@code {"resolution": "why"}}); the merge already decided the content, an operator may
     * then edit normally. 404 when there is no such open conflict.
     */
    @Transactional
    public void resolve(UUID id, JsonNode body, String by) {
        JsonNode note = body.path("resolution");
        if (!note.isTextual() || note.textValue().isBlank() || note.textValue().length() > 2000) {
            throw HubException.invalid("resolution", "is required: how the conflict was reviewed (≤ 2000 characters)");
        }
        if (!resolve(id, by, note.textValue())) {
            throw HubException.notFound("no open conflict " + id);
        }
    }

    private boolean resolve(UUID id, String by, String note) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "update conflict set resolved_at = now(), resolved_by = ?, resolution = ? where id = ?"
                                + " and resolved_at is null")) {
            ps.setString(1, by);
            ps.setString(2, note);
            ps.setObject(3, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
