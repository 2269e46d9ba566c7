package org.lienthong.hub.record;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.lienthong.hub.access.Access;
import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.RecordStore.SourceKey;
import org.lienthong.hub.record.RecordStore.Stored;
import org.lienthong.hub.record.RecordValidator.ValidatedRecord;

/**
 * Writes a chunk of source-reference upserts in one transaction with a fixed number of statements, whatever the chunk
 * size: lock the existing heads, read them, check, insert new heads, insert all versions, move the changed heads. The
 * same rules as single writes apply (write permission, visibility, no-op detection); each item gets its own outcome.
 */
@ApplicationScoped
public class BatchWriter {

    /** One upsert; its source reference is unique within the chunk. */
    public record Item(int index, String kind, ValidatedRecord record) {
        public SourceKey key() {
            return new SourceKey(kind, record.sourceSystem(), record.sourceId());
        }
    }

    /** The outcome of one item: status created, updated, unchanged or rejected. */
    public record Outcome(int index, String status, UUID id, Integer version, List<FieldError> errors) {
        public static Outcome rejected(int index, List<FieldError> errors) {
            return new Outcome(index, "rejected", null, null, errors);
        }
    }

    /**
     * Splits items, in order, into chunks of at most {@code max} in which each source reference appears once (a chunk
     * writes each record at most once).
     */
    public static List<List<Item>> chunks(List<Item> items, int max) {
        List<List<Item>> chunks = new ArrayList<>();
        List<Item> chunk = new ArrayList<>();
        Set<SourceKey> keys = new HashSet<>();
        for (Item item : items) {
            if (chunk.size() == max || !keys.add(item.key())) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                keys.clear();
                keys.add(item.key());
            }
            chunk.add(item);
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    @Inject
    RecordStore store;

    @Inject
    RecordService service;

    /**
     * Writes one chunk in one transaction (the caller's when there is one). Throws {@link RetryTransaction} when the
     * chunk must run again in a new transaction: a record was written by a newer transaction, or created meanwhile.
     */
    @Transactional
    public List<Outcome> write(List<Item> items, Access caller, String activity) {
        List<SourceKey> keys = items.stream().map(Item::key).toList();
        // throws RetryTransaction when a locked record was written by a newer transaction
        Map<SourceKey, UUID> existing = store.lockBySource(keys);
        Map<UUID, Stored> heads = new HashMap<>();
        store.heads(existing.values()).forEach(s -> heads.put(s.version().id(), s));
        Set<UUID> visible = store.visibleAmong(existing.values(), Visibility.of(caller));
        Map<String, Optional<List<String>>> paths = new HashMap<>();

        Outcome[] outcomes = new Outcome[items.size()];
        List<VersionRow> creations = new ArrayList<>();
        List<VersionRow> updates = new ArrayList<>();
        Map<UUID, Integer> positions = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            ValidatedRecord in = item.record();
            try {
                UUID id = existing.get(item.key());
                if (id == null) {
                    String owner = in.owner() == null ? caller.org() : in.owner();
                    String role = service.mayWriteFor(owner, caller, paths);
                    VersionRow v = service.newVersion(Uuids.v7(), item.kind(), 1, owner,
                            in.classification() == null ? RecordService.DEFAULT_CLASSIFICATION : in.classification(),
                            in.sourceSystem(), in.sourceId(), false, in.content(), activity, caller, role, List.of());
                    creations.add(v);
                    positions.put(v.id(), i);
                    continue;
                }
                Stored head = heads.get(id);
                VersionRow cur = head.version();
                if (!visible.contains(id)) {
                    throw HubException.forbidden(
                            "the " + item.kind() + " with this sourceRef belongs to another" + " organisation");
                }
                if (cur.deleted()) {
                    throw HubException.gone(
                            "the " + item.kind() + " with this sourceRef was deleted at version " + cur.version(),
                            cur.etag());
                }
                String role = service.mayWriteFor(cur.owner(), caller, paths);
                String owner = in.owner() == null ? cur.owner() : in.owner();
                if (!owner.equals(cur.owner())) {
                    String ownerRole = service.mayWriteFor(owner, caller, paths);
                    role = role != null ? role : ownerRole;
                }
                String classification = in.classification() == null ? cur.classification() : in.classification();
                if (owner.equals(cur.owner()) && classification.equals(cur.classification())
                        && CanonicalJson.write(in.content()).equals(CanonicalJson.write(cur.content()))) {
                    outcomes[i] = new Outcome(item.index(), "unchanged", id, cur.version(), null);
                    continue;
                }
                VersionRow next = service.newVersion(id, item.kind(), cur.version() + 1, owner, classification,
                        cur.sourceSystem(), cur.sourceId(), false, in.content(), activity, caller, role,
                        List.of(cur.hash()));
                updates.add(next);
                outcomes[i] = new Outcome(item.index(), "updated", id, next.version(), null);
            } catch (HubException e) {
                List<FieldError> errors = e.errors() != null && !e.errors().isEmpty() ? e.errors()
                        : List.of(new FieldError("", e.detail()));
                outcomes[i] = Outcome.rejected(item.index(), errors);
            }
        }
        // a stable order for new heads, so that two batches creating the same references cannot deadlock
        creations.sort(Comparator.comparing(VersionRow::kind).thenComparing(VersionRow::sourceSystem)
                .thenComparing(VersionRow::sourceId));
        Set<UUID> inserted = store.insertHeads(creations);
        if (inserted.size() != creations.size()) {
            throw new RetryTransaction("another writer created a record with one of these source references meanwhile");
        }
        for (VersionRow v : creations) {
            int i = positions.get(v.id());
            outcomes[i] = new Outcome(items.get(i).index(), "created", v.id(), 1, null);
        }
        List<VersionRow> versions = new ArrayList<>(creations.size() + updates.size());
        versions.addAll(creations);
        versions.addAll(updates);
        store.insertVersions(versions);
        store.updateHeads(updates);
        return List.of(outcomes);
    }
}
