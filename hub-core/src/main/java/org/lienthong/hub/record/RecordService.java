package org.lienthong.hub.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.lienthong.hub.access.Access;
import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.access.WriteRights;
import org.lienthong.hub.config.HubConfig;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.org.OrganizationRegistry;
import org.lienthong.hub.record.RecordStore.Stored;
import org.lienthong.hub.record.RecordValidator.ValidatedRecord;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every write to a record goes through here, in one transaction that moves the head and appends the version (which is
 * also the change-log entry). There is no second write path. A write overtaken by a newer writer of the same record
 * runs again in a new transaction ({@link OrderRetry}).
 */
@ApplicationScoped
public class RecordService {

    /** What a write did. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, DELETED
    }

    /** The record after a write, and what the write did. */
    public record WriteResult(Stored record, Outcome outcome) {
    }

    /** One page of a list and the cursor of the next, or {@code null} on the last page. */
    public record Page(List<Stored> items, String next) {
    }

    static final String DEFAULT_CLASSIFICATION = "internal";

    @Inject
    RecordStore store;

    @Inject
    HubConfig config;

    @Inject
    OrganizationRegistry registry;

    @Inject
    WriteRights rights;

    @Transactional
    @RetriedWhenOvertaken
    public WriteResult create(String kind, ValidatedRecord in, Access caller) {
        String owner = in.owner() == null ? caller.org() : in.owner();
        String role = mayWriteFor(owner, caller);
        VersionRow v = newVersion(Uuids.v7(), kind, 1, owner, classificationOr(in, DEFAULT_CLASSIFICATION),
                in.sourceSystem(), in.sourceId(), false, in.content(), "create", caller, role, List.of());
        if (!store.insertHead(v)) {
            throw HubException.conflict("a " + kind + " with this sourceRef exists already; update it with PUT /api/v1/"
                    + RecordKinds.collection(kind) + "/by-source/{system}/{sourceId}");
        }
        store.insertVersion(v);
        return new WriteResult(new Stored(v, v.recordedAt()), Outcome.CREATED);
    }

    public Stored get(String kind, UUID id, Access caller) {
        Stored head = store.visibleHead(kind, id, Visibility.of(caller)).orElseThrow(() -> notFound(kind, id));
        if (head.version().deleted()) {
            throw HubException.gone("this " + kind + " was deleted at version " + head.version().version(),
                    head.version().etag());
        }
        return head;
    }

    @Transactional
    @RetriedWhenOvertaken
    public WriteResult update(String kind, UUID id, String ifMatch, ValidatedRecord in, Access caller) {
        Stored head = store.lockHead(kind, id).orElseThrow(() -> notFound(kind, id));
        requireVisible(kind, id, caller);
        requireMatch(ifMatch, head);
        requireLive(head);
        String role = mayChange(head, caller);
        return change(head, in.owner(), in.classification(), in.sourceSystem(), in.sourceId(), in.content(), caller,
                role);
    }

    @Transactional
    @RetriedWhenOvertaken
    public Stored delete(String kind, UUID id, String ifMatch, Access caller) {
        Stored head = store.lockHead(kind, id).orElseThrow(() -> notFound(kind, id));
        requireVisible(kind, id, caller);
        requireMatch(ifMatch, head);
        requireLive(head);
        String role = mayChange(head, caller);
        VersionRow cur = head.version();
        VersionRow tombstone = newVersion(cur.id(), kind, cur.version() + 1, cur.owner(), cur.classification(),
                cur.sourceSystem(), cur.sourceId(), true, cur.content(), "delete", caller, role, List.of(cur.hash()));
        store.updateHead(tombstone);
        store.insertVersion(tombstone);
        return new Stored(tombstone, head.createdAt());
    }

    /**
     * Writes a version derived by the early warning, joining the caller's transaction: creates the record with
     * {@code id} when it does not exist, else a new version when the content differs (a tombstoned record is written
     * again, live). No access check: the evaluator acts for the rule's owner, which {@code author} names. Activity
     * {@code derive}; {@code derivation} names the rule version and readings.
     *
     * @return the record after the write, and whether it was created, updated or left unchanged
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public WriteResult derive(String kind, UUID id, ValidatedRecord in, ObjectNode derivation, String authorOrg,
            String authorSubject) {
        Optional<Stored> locked = store.lockHead(kind, id);
        if (locked.isEmpty()) {
            VersionRow v = derived(id, kind, 1, in.owner(), in.classification(), in.sourceSystem(), in.sourceId(),
                    false, in.content(), authorOrg, authorSubject, List.of(), derivation);
            if (store.insertHead(v)) {
                store.insertVersion(v);
                return new WriteResult(new Stored(v, v.recordedAt()), Outcome.CREATED);
            }
            locked = store.lockHead(kind, id);
        }
        Stored head = locked.orElseThrow();
        VersionRow cur = head.version();
        if (!cur.deleted() && cur.owner().equals(in.owner()) && cur.classification().equals(in.classification())
                && CanonicalJson.write(in.content()).equals(CanonicalJson.write(cur.content()))) {
            return new WriteResult(head, Outcome.UNCHANGED);
        }
        VersionRow next = derived(id, kind, cur.version() + 1, in.owner(), in.classification(), cur.sourceSystem(),
                cur.sourceId(), false, in.content(), authorOrg, authorSubject, List.of(cur.hash()), derivation);
        store.updateHead(next);
        store.insertVersion(next);
        return new WriteResult(new Stored(next, head.createdAt()), Outcome.UPDATED);
    }

    /**
     * Tombstones a record the early warning derived and no longer stands by (late readings showed its episode never
     * happened), in the caller's transaction; nothing when it is absent or deleted already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdraw(String kind, UUID id, String authorOrg, String authorSubject) {
        Optional<Stored> locked = store.lockHead(kind, id);
        if (locked.isEmpty() || locked.get().version().deleted()) {
            return;
        }
        VersionRow cur = locked.get().version();
        VersionRow tombstone = derived(id, kind, cur.version() + 1, cur.owner(), cur.classification(),
                cur.sourceSystem(), cur.sourceId(), true, cur.content(), authorOrg, authorSubject, List.of(cur.hash()),
                null);
        store.updateHead(tombstone);
        store.insertVersion(tombstone);
    }

    private VersionRow derived(UUID id, String kind, int number, String owner, String classification,
            String sourceSystem, String sourceId, boolean deleted, ObjectNode content, String authorOrg,
            String authorSubject, List<String> parents, ObjectNode derivation) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        VersionRow v = new VersionRow(id, kind, number, owner, classification, sourceSystem, sourceId, deleted, content,
                deleted ? "delete" : "derive", authorOrg, authorSubject, null, now, config.id(), null, "", parents,
                deleted ? null : derivation);
        return v.hashed();
    }

    /**
     * Idempotent upsert by source reference. The unique constraint on {@code (kind, source_system,
     * source_id)} decides whether this is a creation: the insert either wins or finds the row another transaction
     * committed, which is then locked and updated like any other record.
     */
    @Transactional
    @RetriedWhenOvertaken
    public WriteResult upsertBySource(String kind, String system, String sourceId, String ifMatch, ValidatedRecord in,
            Access caller) {
        if (ifMatch == null) {
            String owner = in.owner() == null ? caller.org() : in.owner();
            String role = mayWriteFor(owner, caller);
            VersionRow v = newVersion(Uuids.v7(), kind, 1, owner, classificationOr(in, DEFAULT_CLASSIFICATION), system,
                    sourceId, false, in.content(), "create", caller, role, List.of());
            if (store.insertHead(v)) {
                store.insertVersion(v);
                return new WriteResult(new Stored(v, v.recordedAt()), Outcome.CREATED);
            }
        }
        Optional<Stored> existing = store.lockHeadBySource(kind, system, sourceId);
        if (existing.isEmpty()) {
            // only reachable with If-Match, which cannot match a record that does not exist
            throw HubException.preconditionFailed("no " + kind + " has this sourceRef yet", "\"0\"");
        }
        Stored head = existing.get();
        if (!store.visible(kind, head.version().id(), Visibility.of(caller))) {
            throw HubException.forbidden("the " + kind + " with this sourceRef belongs to another organisation");
        }
        requireMatch(ifMatch, head);
        requireLive(head);
        String role = mayChange(head, caller);
        return change(head, in.owner(), in.classification(), system, sourceId, in.content(), caller, role);
    }

    public Page list(String kind, ListFilter filter, Access caller) {
        RecordQuery query = filter.toQuery(kind);
        Visibility.Predicate visible = Visibility.of(caller);
        query.and(visible.sql(), visible.params().toArray());
        List<Stored> rows = store.list(query);
        if (rows.size() > query.limit()) {
            List<Stored> page = rows.subList(0, query.limit());
            return new Page(List.copyOf(page), ListFilter.cursorAfter(page.get(page.size() - 1).version().id()));
        }
        return new Page(rows, null);
    }

    public List<Stored> versions(String kind, UUID id, Access caller) {
        requireVisible(kind, id, caller);
        List<Stored> all = store.versions(kind, id);
        if (all.isEmpty()) {
            throw notFound(kind, id);
        }
        return all;
    }

    public Stored version(String kind, UUID id, int number, Access caller) {
        requireVisible(kind, id, caller);
        return store.version(kind, id, number)
                .orElseThrow(() -> HubException.notFound("no version " + number + " of " + kind + " " + id));
    }

    // --- rules

    private WriteResult change(Stored head, String newOwner, String newClassification, String sourceSystem,
            String sourceId, ObjectNode content, Access caller, String role) {
        VersionRow cur = head.version();
        String owner = newOwner == null ? cur.owner() : newOwner;
        if (!owner.equals(cur.owner())) {
            String newOwnerRole = mayWriteFor(owner, caller);
            role = role != null ? role : newOwnerRole;
        }
        String classification = newClassification == null ? cur.classification() : newClassification;
        String system = sourceSystem == null ? cur.sourceSystem() : sourceSystem;
        String id = sourceSystem == null ? cur.sourceId() : sourceId;
        if (owner.equals(cur.owner()) && classification.equals(cur.classification())
                && Objects.equals(system, cur.sourceSystem()) && Objects.equals(id, cur.sourceId())
                && CanonicalJson.write(content).equals(CanonicalJson.write(cur.content()))) {
            return new WriteResult(head, Outcome.UNCHANGED);
        }
        VersionRow next = newVersion(cur.id(), cur.kind(), cur.version() + 1, owner, classification, system, id, false,
                content, "update", caller, role, List.of(cur.hash()));
        try {
            store.updateHead(next);
        } catch (StoreException e) {
            if (e.isUniqueViolation()) {
                throw HubException.conflict("another " + cur.kind() + " already has this sourceRef");
            }
            throw e;
        }
        store.insertVersion(next);
        return new WriteResult(new Stored(next, head.createdAt()), Outcome.UPDATED);
    }

    /**
     * Whether the caller may write records owned by {@code owner}: its own organisation or one below it. An admin may
     * act for any registered organisation; that returns {@code "admin"}, which the version's provenance records.
     *
     * @return {@code null} for an ordinary write, {@code "admin"} when only the admin role allows it
     */
    private String mayWriteFor(String owner, Access caller) {
        return rights.check(owner, caller);
    }

    /** As above, looking organisation paths up through {@code paths} (a per-batch cache). */
    String mayWriteFor(String owner, Access caller, java.util.Map<String, Optional<List<String>>> paths) {
        return rights.check(owner, caller, paths);
    }

    private String mayChange(Stored head, Access caller) {
        return mayWriteFor(head.version().owner(), caller);
    }

    /** A record the caller may not see does not exist for it. */
    private void requireVisible(String kind, UUID id, Access caller) {
        if (!store.visible(kind, id, Visibility.of(caller))) {
            throw notFound(kind, id);
        }
    }

    private static void requireLive(Stored head) {
        if (head.version().deleted()) {
            throw HubException.gone(
                    "this " + head.version().kind() + " was deleted at version " + head.version().version(),
                    head.version().etag());
        }
    }

    /**
     * {@code If-Match} per RFC 9110 §13.1.1: {@code *} or a list of strong entity tags, one of which must be the
     * current one. Weak tags never match. Unquoted version numbers are accepted too, because integrators type them that
     * way.
     */
    static void requireMatch(String ifMatch, Stored head) {
        if (ifMatch == null) {
            return;
        }
        String current = String.valueOf(head.version().version());
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return;
            }
            if (t.startsWith("W/")) {
                continue;
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(current)) {
                return;
            }
        }
        throw HubException.preconditionFailed("the record has changed: its current ETag is " + head.version().etag()
                + "; fetch it again and re-apply your change", head.version().etag());
    }

    VersionRow newVersion(UUID id, String kind, int number, String owner, String classification, String sourceSystem,
            String sourceId, boolean deleted, ObjectNode content, String activity, Access caller, String role,
            List<String> parents) {
        // PostgreSQL keeps microseconds; the hash must be computed over what is stored
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        VersionRow v = new VersionRow(id, kind, number, owner, classification, sourceSystem, sourceId, deleted, content,
                activity, caller.org(), caller.caller().subject(), role, now, config.id(), caller.caller().connector(),
                "", parents);
        return v.hashed();
    }

    private static String classificationOr(ValidatedRecord in, String fallback) {
        return in.classification() == null ? fallback : in.classification();
    }

    private static HubException notFound(String kind, UUID id) {
        return HubException.notFound("no " + kind + " with id " + id);
    }
}
