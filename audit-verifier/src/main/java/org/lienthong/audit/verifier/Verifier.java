package org.lienthong.audit.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.lienthong.hub.api.json.Json;

/**
 * The checks. Each result is one line: {@code OK …}, {@code FAIL …} or {@code NOTE …} (information that is not a
 * failure); {@code --record} adds the lines of that record's version chain.
 */
final class Verifier {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** The printed lines and how many of them are failures. */
    record Result(List<String> lines, int failures) {
    }

    /** A checkpoint as the hub returns it: {@code {"statement": {…}, "signature": "…", …}}. */
    record Checkpoint(String label, Map<String, Object> statement, long position, String chain, String lastHash,
            String hub, String keyId, String at, String signature) {

        static Checkpoint of(String label, Object json) {
            if (!(json instanceof Map<?, ?> map) || !(map.get("statement") instanceof Map<?, ?> s)) {
                throw new IllegalArgumentException(
                        label + " is not a checkpoint: expected {\"statement\": {…}, \"signature\": \"…\"}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> statement = (Map<String, Object>) s;
            if (!(map.get("signature") instanceof String signature)) {
                throw new IllegalArgumentException(label + " has no signature");
            }
            if (map.get("algorithm") != null && !"Ed25519".equals(map.get("algorithm"))) {
                throw new IllegalArgumentException(label + " is signed with " + map.get("algorithm") + ", not Ed25519");
            }
            if (!(statement.get("position") instanceof BigDecimal p) || p.signum() < 0) {
                throw new IllegalArgumentException(label + ": statement.position must be a number, 0 or more");
            }
            long position;
            try {
                position = p.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(label + ": statement.position must be a whole number");
            }
            String chain = string(statement, "chain", label);
            if (!HASH.matcher(chain).matches()) {
                throw new IllegalArgumentException(label + ": statement.chain must be 64 lowercase hex digits");
            }
            Object last = statement.get("lastHash");
            if (last != null && !(last instanceof String)) {
                throw new IllegalArgumentException(label + ": statement.lastHash must be a string");
            }
            return new Checkpoint(label, statement, position, chain, (String) last, string(statement, "hub", label),
                    string(statement, "keyId", label), string(statement, "at", label), signature);
        }

        private static String string(Map<String, Object> statement, String name, String label) {
            if (statement.get(name) instanceof String s) {
                return s;
            }
            throw new IllegalArgumentException(label + ": statement." + name + " must be a string");
        }
    }

    private final List<Keys.Key> keys;
    private final Checkpoint checkpoint;
    private final Checkpoint earlier;
    private final Checkpoint since;
    private final String recordId;
    private final List<String> lines = new ArrayList<>();
    private final List<String> recordLines = new ArrayList<>();
    private int failures;

    /**
     * @param earlier
     *            an older checkpoint whose history must be the start of the checkpoint's, or {@code null}
     * @param since
     *            the checkpoint the export starts after (its {@code from}), or {@code null} for an export from the
     *            first version
     */
    Verifier(List<Keys.Key> keys, Checkpoint checkpoint, Checkpoint earlier, Checkpoint since, String recordId) {
        this.keys = List.copyOf(keys);
        this.checkpoint = Objects.requireNonNull(checkpoint);
        this.earlier = earlier;
        this.since = since;
        this.recordId = recordId;
    }

    /** A parent not seen before its child: resolved once the whole export is read. */
    private record Pending(String label, String recordId, String originHub, String parent) {
    }

    Result verify(BufferedReader export) throws IOException {
        long start = since == null ? 0 : since.position();
        signature(checkpoint);
        for (Checkpoint older : new Checkpoint[] { since, earlier }) {
            if (older == null) {
                continue;
            }
            signature(older);
            if (!older.hub().equals(checkpoint.hub())) {
                fail("the " + older.label() + " is of hub " + older.hub() + ", the checkpoint of hub "
                        + checkpoint.hub());
            }
            if (older.position() > checkpoint.position()) {
                fail("the " + older.label() + " (position " + older.position() + ") is beyond the checkpoint"
                        + " (position " + checkpoint.position() + ")");
            }
        }
        if (earlier != null && earlier.position() < start) {
            fail("the earlier checkpoint (position " + earlier.position() + ") precedes the start of the export"
                    + " (position " + start + "); use it as --since or export from 0");
        }

        // one pass over the export: two chains, over the hashes recomputed from the versions (what they really
        // hash to) and over the hashes as exported (what the hub holds), to tell edited content from edited hashes
        Map<String, String> recordOfHash = new HashMap<>();
        List<Pending> pending = new ArrayList<>();
        String chainStart = since == null ? Chain.GENESIS : since.chain();
        String chain = chainStart;
        String claimedChain = chainStart;
        Map<Checkpoint, String[]> at = new HashMap<>(); // checkpoint -> {recomputed chain, exported chain, hash}
        for (Checkpoint cp : new Checkpoint[] { checkpoint, earlier }) {
            if (cp != null && cp.position() == start) {
                at.put(cp, new String[] { chainStart, chainStart, null });
            }
        }
        long position = start;
        long brokenAt = -1; // the first line whose hash is unknown: the chain cannot be recomputed past it
        int recomputed = 0;
        int redacted = 0;
        int mismatches = 0;
        String text;
        while ((text = export.readLine()) != null) {
            if (text.isBlank()) {
                continue;
            }
            position++;
            Map<String, Object> line;
            String id;
            String claimed;
            List<String> parents;
            Map<String, Object> provenance;
            try {
                if (!(Json.parse(text) instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) m;
                line = typed;
                id = VersionDocument.text(line, "id");
                provenance = VersionDocument.object(line, "provenance");
                claimed = VersionDocument.text(provenance, "hash");
                if (!HASH.matcher(claimed).matches()) {
                    throw new IllegalArgumentException("provenance.hash must be 64 lowercase hex digits");
                }
                parents = VersionDocument.parents(provenance);
            } catch (IllegalArgumentException e) {
                fail("line " + (position - start) + " (position " + position + "): unreadable: " + e.getMessage());
                if (brokenAt < 0) {
                    brokenAt = position;
                }
                continue;
            }
            String label = "line " + (position - start) + " (position " + position + ", record " + id + " version "
                    + line.get("version") + ")";
            boolean isRedacted = Boolean.TRUE.equals(line.get("redacted"));
            String hash = claimed;
            String computed = null;
            if (isRedacted) {
                redacted++;
            } else {
                try {
                    computed = VersionDocument.hash(line);
                } catch (IllegalArgumentException e) {
                    fail(label + ": cannot rebuild the hashed document: " + e.getMessage());
                    if (brokenAt < 0) {
                        brokenAt = position;
                    }
                    continue;
                }
                recomputed++;
                if (!computed.equals(claimed)) {
                    mismatches++;
                    fail(label + ": hash mismatch: the export says " + claimed + ", its content and provenance hash to "
                            + computed);
                }
                hash = computed; // the chain is over what the versions really hash to
            }
            String origin = provenance.get("originHub") instanceof String s ? s : null;
            for (String parent : parents) {
                if (!id.equals(recordOfHash.get(parent))) {
                    pending.add(new Pending(label, id, origin, parent));
                }
            }
            if (recordOfHash.putIfAbsent(claimed, id) != null) {
                fail(label + ": hash " + claimed + " appears twice in the export");
            }
            chain = Chain.next(chain, hash);
            claimedChain = Chain.next(claimedChain, claimed);
            for (Checkpoint cp : new Checkpoint[] { checkpoint, earlier }) {
                if (cp != null && position == cp.position()) {
                    at.put(cp, new String[] { chain, claimedChain, hash });
                }
            }
            if (id.equals(recordId)) {
                describe(position, line, provenance, claimed, computed, isRedacted);
            }
        }

        if (mismatches == 0 && brokenAt < 0) {
            ok("hashes: " + versions(recomputed) + " recomputed from their content and provenance, all match"
                    + (redacted == 0 ? "" : "; " + versions(redacted)
                            + " redacted (not visible to the exporting caller), taken as" + " exported"));
        }
        parents(pending, recordOfHash, start);
        if (compare(checkpoint, position, brokenAt, at.get(checkpoint))) {
            String[] c = at.get(checkpoint);
            if (checkpoint.lastHash() != null && c[2] != null && !checkpoint.lastHash().equals(c[2])) {
                fail("position " + checkpoint.position() + ": the checkpoint's last version is " + checkpoint.lastHash()
                        + ", the export's is " + c[2]);
            }
            if (since != null) {
                ok("append-only: the history signed at position " + since.position() + " (" + since.at()
                        + ") is the start of the history signed at position " + checkpoint.position() + " ("
                        + checkpoint.at() + ")");
            }
        }
        if (earlier != null && earlier.position() >= start && earlier.position() <= checkpoint.position()) {
            if (compare(earlier, position, brokenAt, at.get(earlier))) {
                ok("append-only: the history signed at position " + earlier.position() + " (" + earlier.at()
                        + ") is the start of the history signed at position " + checkpoint.position() + " ("
                        + checkpoint.at() + ")");
            }
        }
        if (recordId != null) {
            if (recordLines.isEmpty()) {
                lines.add("RECORD " + recordId + ": not in the export");
            } else {
                lines.add("RECORD " + recordId + ": " + recordLines.size() + " versions");
                lines.addAll(recordLines);
            }
        }
        return new Result(List.copyOf(lines), failures);
    }

    /**
     * Every parent must be a version of the same record in the export. Feed order is usually version order, but not
     * always: a writer whose transaction took its id before it waited for the record (an upsert that first tried to
     * insert) commits its version after the one it waited for, with a smaller transaction id. A parent later in the
     * export is therefore a note. A parent not in the export at all is a failure, unless the version was recorded on
     * another hub (whose earlier versions this hub may never have received) or the export starts at a checkpoint (the
     * parent may precede it).
     */
    private void parents(List<Pending> pending, Map<String, String> recordOfHash, long start) {
        int later = 0;
        int failed = 0;
        int unknown = 0;
        int preceding = 0;
        for (Pending p : pending) {
            String of = recordOfHash.get(p.parent());
            if (p.recordId().equals(of)) {
                later++;
                note(p.label() + ": its parent " + p.parent() + " comes later in feed order (its writer's"
                        + " transaction id is larger)");
            } else if (of != null) {
                failed++;
                fail(p.label() + ": parent " + p.parent() + " is a version of another record, " + of);
            } else if (since != null) {
                preceding++; // counted, not listed: every first change of an older record has one
            } else if (p.originHub() != null && !p.originHub().equals(checkpoint.hub())) {
                unknown++;
                note(p.label() + " was recorded on hub " + p.originHub() + "; its parent " + p.parent()
                        + " is not held by this hub");
            } else {
                failed++;
                fail(p.label() + ": parent " + p.parent() + " is not in the export");
            }
        }
        if (failed == 0) {
            ok("parents: every version's parents are versions of the same record in the export"
                    + (later == 0 ? "" : "; " + later + " come after their child in feed order (see NOTE)")
                    + (preceding == 0 ? ""
                            : "; " + preceding + " precede position " + start + ", where the export starts")
                    + (unknown == 0 ? "" : "; " + unknown + " held only by other hubs (see NOTE)"));
        }
    }

    /** Compares a checkpoint's chain with the recomputed one; true when they are equal. */
    private boolean compare(Checkpoint cp, long exported, long brokenAt, String[] chains) {
        String what = cp.label() + " (position " + cp.position() + ")";
        if (exported < cp.position()) {
            fail("chain: the export ends at position " + exported + ", " + what + " covers " + cp.position());
            return false;
        }
        if (brokenAt >= 0 && brokenAt <= cp.position()) {
            fail("chain: cannot be recomputed up to " + what + ": position " + brokenAt + " is unreadable");
            return false;
        }
        if (!cp.chain().equals(chains[0])) {
            fail("chain mismatch at position " + cp.position() + ": the " + cp.label() + " signed " + cp.chain()
                    + ", the export gives " + chains[0]
                    + (cp.chain().equals(chains[1])
                            ? ": the hashes are those signed, but versions reported with a hash mismatch no longer"
                                    + " hash to them (changed, or already inconsistent when signed)"
                            : ": a version at or before this position was changed, removed, added or reordered"));
            return false;
        }
        ok("chain: recomputed up to position " + cp.position() + ", equals the " + what + ": " + cp.chain());
        return true;
    }

    private void signature(Checkpoint cp) {
        Keys.Key key = keys.stream().filter(k -> k.keyId().equals(cp.keyId())).findFirst().orElse(null);
        if (key == null) {
            fail(cp.label() + ": signed with key " + cp.keyId() + ", but the keys given are "
                    + keys.stream().map(Keys.Key::keyId).toList());
            return;
        }
        boolean valid;
        try {
            byte[] signature = Base64.getDecoder().decode(cp.signature());
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.publicKey());
            verifier.update(Canonical.write(cp.statement()).getBytes(StandardCharsets.UTF_8));
            valid = verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            valid = false;
        }
        if (valid) {
            ok("signature: " + cp.label() + " (hub " + cp.hub() + ", position " + cp.position() + ", at " + cp.at()
                    + ") is signed by key " + cp.keyId());
        } else {
            fail("signature: " + cp.label() + " is not validly signed by key " + cp.keyId()
                    + ": its statement was altered, or it was signed by another key");
        }
    }

    private void describe(long position, Map<String, Object> line, Map<String, Object> provenance, String claimed,
            String computed, boolean isRedacted) {
        StringBuilder s = new StringBuilder("  position ").append(position).append("  version ")
                .append(line.get("version")).append("  hash ").append(claimed).append("  parents ")
                .append(provenance.get("parents"));
        if (isRedacted) {
            s.append("  (redacted)");
        } else {
            Object author = provenance.get("author");
            String by = author instanceof Map<?, ?> a ? a.get("org") + "/" + a.get("subject") : "?";
            s.append("  ").append(provenance.get("activity")).append(" by ").append(by).append(" at ")
                    .append(provenance.get("recordedAt"));
            if (Boolean.TRUE.equals(line.get("deleted"))) {
                s.append("  (deleted)");
            }
            if (computed != null && !computed.equals(claimed)) {
                s.append("  HASH MISMATCH: content hashes to ").append(computed);
            }
        }
        recordLines.add(s.toString());
    }

    private static String versions(int n) {
        return n + (n == 1 ? " version" : " versions");
    }

    private void ok(String message) {
        lines.add("OK " + message);
    }

    private void fail(String message) {
        lines.add("FAIL " + message);
        failures++;
    }

    private void note(String message) {
        lines.add("NOTE " + message);
    }
}
