package org.lienthong.hub.connector;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.lienthong.hub.access.Access;
import org.lienthong.hub.api.connector.SourceItem;
import org.lienthong.hub.audit.AccessLog;
import org.lienthong.hub.connector.InstanceStore.DeadLetter;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.ingest.IngestService;
import org.lienthong.hub.record.BatchWriter;
import org.lienthong.hub.record.BatchWriter.Item;
import org.lienthong.hub.record.BatchWriter.Outcome;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.ReplicaService;
import org.lienthong.hub.record.StoreException;
import org.lienthong.hub.record.VersionRow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes what a lane produced, each in one transaction: a source batch's items together with the checkpoint after them,
 * and a sink's progress (dead letters and the new cursor). Items the hub refuses go to the dead-letter queue in the
 * same transaction; the batch goes on. The transaction commits only while this hub process holds the instance's lease,
 * so two processes can never both advance one checkpoint.
 */
@ApplicationScoped
public class LaneWriter {

    /**
     * Fired inside a source batch's transaction after its items are written and before its checkpoint is: an observer
     * that throws rolls the whole batch back, exactly as a crash at that moment would.
     */
    public record BatchWritten(String instance, int items) {
    }

    /** The lease was lost (another hub process runs the instance now): nothing was written. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(String instance) {
            super("the lease on connector " + instance + " passed to another hub process", null, false, false);
        }
    }

    /** What a source batch did. */
    record Written(int stored, int deadLettered) {
    }

    @Inject
    InstanceStore store;

    @Inject
    IngestService ingest;

    @Inject
    BatchWriter batches;

    @Inject
    ReplicaService replicas;

    @Inject
    DataSource dataSource;

    @Inject
    AccessLog accessLog;

    @Inject
    Event<BatchWritten> written;

    @Transactional
    public Written source(String instance, String leaseOwner, Access actor, List<SourceItem> items, String checkpoint) {
        try (Connection c = dataSource.getConnection()) {
            if (!store.holdsLease(c, instance, leaseOwner)) {
                throw new LeaseLost(instance);
            }
            int stored = 0;
            int dead = 0;
            List<AccessLog.Touch> touched = new ArrayList<>();
            List<Item> upserts = new ArrayList<>();
            List<SourceItem.Upsert> originals = new ArrayList<>();
            List<SourceItem.Replica> replicas = new ArrayList<>();
            for (int i = 0; i <= items.size(); i++) {
                SourceItem item = i < items.size() ? items.get(i) : null;
                if (item instanceof SourceItem.Replica r) {
                    replicas.add(r);
                    if (upserts.isEmpty()) {
                        continue;
                    }
                } else {
                    // an upsert, a refusal or the end: write the replicas gathered so far first, keeping the order
                    int refused = replicas(c, instance, replicas, actor, touched);
                    stored += replicas.size() - refused;
                    dead += refused;
                    replicas.clear();
                }
                if (item instanceof SourceItem.Upsert u) {
                    Problem p = stageUpsert(upserts.size(), u, upserts, originals);
                    if (p != null) {
                        deadLetter(c, instance, "upsert", u.kind(), null, null, u.json(), u.description(), p.reason());
                        dead++;
                    }
                    continue;
                }
                // a replica, a refusal or the end: write the upserts gathered so far first, keeping the order
                for (List<Item> chunk : BatchWriter.chunks(upserts, 500)) {
                    for (Outcome o : batches.write(chunk, actor, "import")) {
                        if ("rejected".equals(o.status())) {
                            Item rejected = upserts.get(o.index());
                            SourceItem.Upsert original = originals.get(o.index());
                            deadLetter(c, instance, "upsert", rejected.kind(), null, null, original.json(),
                                    original.description(), reason(o.errors()));
                            dead++;
                        } else {
                            stored++;
                            if (!"unchanged".equals(o.status())) {
                                touched.add(new AccessLog.Touch(upserts.get(o.index()).kind(), o.id()));
                            }
                        }
                    }
                }
                upserts.clear();
                originals.clear();
                if (item instanceof SourceItem.Refused r) {
                    String payload = r.payload() == null ? "" : r.payload();
                    if (payload.length() > 65_536) {
                        payload = payload.substring(0, 65_536);
                    }
                    deadLetter(c, instance, "refused", null, null, null, payload, r.description(),
                            r.reason() == null ? "refused by the connector" : r.reason());
                    dead++;
                }
            }
            accessLog.record(actor.caller(), "connector", "write", touched);
            written.fire(new BatchWritten(instance, items.size()));
            store.saveCheckpoint(c, instance, "source", checkpoint);
            return new Written(stored, dead);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** A sink's progress: the cursor after what was delivered or dead-lettered, and the dead letters. */
    @Transactional
    public void sink(String instance, String leaseOwner, List<DeadLetter> deadLetters, String checkpoint) {
        try (Connection c = dataSource.getConnection()) {
            if (!store.holdsLease(c, instance, leaseOwner)) {
                throw new LeaseLost(instance);
            }
            for (DeadLetter d : deadLetters) {
                store.deadLetter(c, d);
            }
            store.saveCheckpoint(c, instance, "sink", checkpoint);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Replays a source dead letter as the instance's identity. Returns {@code null} when stored, else why not (and
     * nothing changed).
     */
    @Transactional
    @org.lienthong.hub.record.RetriedWhenOvertaken
    public String replaySource(DeadLetter d, Access actor, String by) {
        String refusal;
        if ("refused".equals(d.itemType())) {
            return "the connector could not read this item (" + d.reason()
                    + "); correct it at the source, where the connector will read it again, then discard this one";
        }
        if ("replica".equals(d.itemType())) {
            refusal = replica(new SourceItem.Replica(d.payload(), d.detail()), actor, new ArrayList<>());
        } else {
            List<Item> staged = new ArrayList<>();
            Problem p = stageUpsert(0, new SourceItem.Upsert(d.kind(), d.payload()), staged, new ArrayList<>());
            if (p != null) {
                refusal = p.reason();
            } else {
                Outcome o = batches.write(staged, actor, "import").get(0);
                refusal = "rejected".equals(o.status()) ? reason(o.errors()) : null;
            }
        }
        if (refusal == null) {
            closeDeadLetter(d, DeadLetterStatus.replayed, "replay", by);
        }
        return refusal;
    }

    /** Marks a dead letter replayed or discarded and records it in the record's lineage. */
    @Transactional
    public boolean closeDeadLetter(DeadLetter d, DeadLetterStatus status, String action, String by) {
        try (Connection c = dataSource.getConnection()) {
            if (!store.close(c, d.id(), status, by)) {
                return false;
            }
            store.activity(c, d.instance(), d.recordId(), action, d.id(), by, null);
            return true;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private record Problem(String reason) {
    }

    private Problem stageUpsert(int index, SourceItem.Upsert u, List<Item> into, List<SourceItem.Upsert> originals) {
        JsonNode node;
        try {
            node = RecordJson.MAPPER.readTree(u.json());
        } catch (Exception e) {
            return new Problem("not a JSON object");
        }
        if (node != null && node.isObject() && !node.has("kind")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("kind", u.kind());
        }
        IngestService.Parsed parsed = ingest.check(index, node == null ? RecordJson.NODES.nullNode() : node);
        if (parsed.rejection() != null) {
            return new Problem(reason(parsed.rejection().errors()));
        }
        into.add(parsed.item());
        originals.add(u);
        return null;
    }

    /**
     * Applies replicas together ({@link ReplicaService#applyAll}: a fixed number of statements for the lot) and
     * dead-letters those refused; returns how many were.
     */
    private int replicas(Connection c, String instance, List<SourceItem.Replica> rs, Access actor,
            List<AccessLog.Touch> touched) throws SQLException {
        if (rs.isEmpty()) {
            return 0;
        }
        String[] refusals = new String[rs.size()];
        List<VersionRow> parsed = new ArrayList<>(rs.size());
        List<Integer> positions = new ArrayList<>(rs.size());
        // reading, checking and hashing a version is most of what it costs here and needs no database: on every core
        Object[] read = IntStream.range(0, rs.size()).parallel().mapToObj(i -> {
            try {
                return parse(rs.get(i));
            } catch (Refusal e) {
                return e;
            }
        }).toArray();
        for (int i = 0; i < rs.size(); i++) {
            if (read[i] instanceof VersionRow v) {
                parsed.add(v);
                positions.add(i);
            } else {
                refusals[i] = ((Refusal) read[i]).getMessage();
            }
        }
        // in runs from one hub each (the hop records it)
        for (int from = 0, to; from < parsed.size(); from = to) {
            String hub = rs.get(positions.get(from)).fromHub();
            to = from + 1;
            while (to < parsed.size() && Objects.equals(rs.get(positions.get(to)).fromHub(), hub)) {
                to++;
            }
            List<ReplicaService.Result> results = replicas.applyAll(parsed.subList(from, to), hub, actor);
            for (int k = 0; k < results.size(); k++) {
                refusals[positions.get(from + k)] = outcome(parsed.get(from + k), results.get(k), touched);
            }
        }
        int refused = 0;
        for (int i = 0; i < rs.size(); i++) {
            if (refusals[i] != null) {
                SourceItem.Replica r = rs.get(i);
                JsonNode json = quietly(r.json());
                deadLetter(c, instance, "replica", json.path("kind").asText(null), uuid(json.path("id")), hash(json),
                        r.json(), r.fromHub(), refusals[i]);
                refused++;
            }
        }
        return refused;
    }

    /** Why a replica could not even be read. */
    private static final class Refusal extends Exception {
        Refusal(String why) {
            super(why, null, false, false);
        }
    }

    private VersionRow parse(SourceItem.Replica r) throws Refusal {
        try {
            return replicas.parse(RecordJson.MAPPER.readTree(r.json()));
        } catch (HubException e) {
            throw new Refusal(reason(
                    e.errors() == null || e.errors().isEmpty() ? List.of(new FieldError("", e.detail())) : e.errors()));
        } catch (Exception e) {
            throw new Refusal("not a JSON object");
        }
    }

    /** {@code null} when stored (or already held), else why not. */
    private static String outcome(VersionRow v, ReplicaService.Result result, List<AccessLog.Touch> touched) {
        if (result.outcome() == ReplicaService.Outcome.APPLIED || result.outcome() == ReplicaService.Outcome.CONFLICT) {
            touched.add(new AccessLog.Touch(v.kind(), v.id()));
        }
        return result.outcome() == ReplicaService.Outcome.REFUSED ? result.reason() : null;
    }

    /** Applies a replica; {@code null} when stored (or already held), else why not. */
    private String replica(SourceItem.Replica r, Access actor, List<AccessLog.Touch> touched) {
        VersionRow v;
        try {
            v = parse(r);
        } catch (Refusal e) {
            return e.getMessage();
        }
        return outcome(v, replicas.apply(v, r.fromHub(), actor), touched);
    }

    private void deadLetter(Connection c, String instance, String type, String kind, UUID recordId, String hash,
            String payload, String detail, String reason) throws SQLException {
        store.deadLetter(c, new DeadLetter(UUID.randomUUID(), instance, "source", type, kind, recordId, hash, payload,
                detail, reason, 1, "open", null, null, null));
    }

    static String reason(List<FieldError> errors) {
        if (errors == null || errors.isEmpty()) {
            return "refused";
        }
        return errors.stream().map(e -> e.field().isEmpty() ? e.message() : e.field() + ": " + e.message())
                .collect(Collectors.joining("; "));
    }

    private static JsonNode quietly(String json) {
        try {
            JsonNode n = RecordJson.MAPPER.readTree(json);
            return n == null ? RecordJson.NODES.objectNode() : n;
        } catch (Exception e) {
            return RecordJson.NODES.objectNode();
        }
    }

    static UUID uuid(JsonNode n) {
        try {
            return n.isTextual() ? UUID.fromString(n.textValue()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String hash(JsonNode record) {
        JsonNode h = record.path("provenance").path("hash");
        return h.isTextual() && h.textValue().matches("[0-9a-f]{64}") ? h.textValue() : null;
    }
}
