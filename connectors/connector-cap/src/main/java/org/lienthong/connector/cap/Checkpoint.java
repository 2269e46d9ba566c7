package org.lienthong.connector.cap;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lienthong.hub.api.json.Json;

/**
 * What a {@link CapSource} remembers between polls: the alerts already handled, each with the root of its references
 * chain and its {@code sent} time, and markers for feed entries and refused documents already handled. Bounded to the
 * {@value #MAX_ENTRIES} most recent entries; the oldest are forgotten first.
 *
 * <p>
 * Written as JSON:
 *
 * <pre>
 * {"v":1,"seen":[["a","KSTO@NWS.NOAA.GOV","KSTO1055887203","KSTO1055887203",1055887020],
 *                ["k","e:https://example.org/alerts/1.xml 2026-11-21T22:40:00+07:00"]]}
 * </pre>
 *
 * {@code ["a", sender, identifier, root, sent]} is an alert ({@code sent} in seconds since 1970, or {@code null});
 * {@code ["k", key]} is any other marker. Not thread-safe; one poll uses one instance.
 */
final class Checkpoint {

    static final int MAX_ENTRIES = 10_000;

    /** An alert already handled. */
    record Seen(String sender, String identifier, String root, Long sent) {
    }

    /** Keys in order of insertion: "a\n" + sender + "\n" + identifier for alerts, "k\n" + key otherwise. */
    private final LinkedHashMap<String, Seen> entries = new LinkedHashMap<>();
    /** The last alert seen with each identifier, whatever its sender. */
    private final Map<String, Seen> byIdentifier = new HashMap<>();

    /**
     * Reads a checkpoint written by {@link #write()}; {@code null} gives an empty one.
     *
     * @throws IllegalArgumentException
     *             when the text is not such a checkpoint
     */
    static Checkpoint parse(String text) {
        Checkpoint cp = new Checkpoint();
        if (text == null) {
            return cp;
        }
        if (!(Json.parse(text) instanceof Map<?, ?> root) || !(root.get("v") instanceof BigDecimal v)
                || v.intValue() != 1 || !(root.get("seen") instanceof List<?> seen)) {
            throw new IllegalArgumentException("not a cap connector checkpoint (version 1)");
        }
        for (Object item : seen) {
            if (item instanceof List<?> e && e.size() == 5 && "a".equals(e.get(0)) && e.get(1) instanceof String sender
                    && e.get(2) instanceof String identifier && e.get(3) instanceof String rootId) {
                Long sent = e.get(4) instanceof BigDecimal d ? Long.valueOf(d.longValue()) : null;
                cp.addAlert(sender, identifier, rootId, sent);
            } else if (item instanceof List<?> e && e.size() == 2 && "k".equals(e.get(0))
                    && e.get(1) instanceof String key) {
                cp.mark(key);
            } else {
                throw new IllegalArgumentException("not a cap connector checkpoint: unreadable entry");
            }
        }
        return cp;
    }

    String write() {
        List<Object> seen = new ArrayList<>(entries.size());
        for (Map.Entry<String, Seen> e : entries.entrySet()) {
            Seen s = e.getValue();
            if (s == null) {
                seen.add(List.of("k", e.getKey().substring(2)));
            } else {
                List<Object> a = new ArrayList<>(5);
                a.add("a");
                a.add(s.sender());
                a.add(s.identifier());
                a.add(s.root());
                a.add(s.sent());
                seen.add(a);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("v", 1);
        root.put("seen", seen);
        return Json.write(root);
    }

    int size() {
        return entries.size();
    }

    /** The alert {@code sender}/{@code identifier}, if handled before. */
    Seen alert(String sender, String identifier) {
        return entries.get(alertKey(sender, identifier));
    }

    /**
     * An alert referenced as {@code sender,identifier}: the one with that sender and identifier, else the last one with
     * that identifier (references sometimes name the sender differently from the message's own {@code sender}).
     */
    Seen referenced(String sender, String identifier) {
        Seen exact = alert(sender, identifier);
        return exact != null ? exact : byIdentifier.get(identifier);
    }

    /** The latest {@code sent} among the handled alerts of the chain with this root, or {@code null}. */
    Long latestSent(String root) {
        Long latest = null;
        for (Seen s : entries.values()) {
            if (s != null && s.root().equals(root) && s.sent() != null && (latest == null || s.sent() > latest)) {
                latest = s.sent();
            }
        }
        return latest;
    }

    /** Whether some handled alert has {@code identifier} as the root of its chain. */
    boolean isRoot(String identifier) {
        for (Seen s : entries.values()) {
            if (s != null && s.root().equals(identifier)) {
                return true;
            }
        }
        return false;
    }

    void addAlert(String sender, String identifier, String root, Long sent) {
        Seen seen = new Seen(sender, identifier, root, sent);
        put(alertKey(sender, identifier), seen);
        byIdentifier.put(identifier, seen);
    }

    boolean marked(String key) {
        return entries.containsKey("k\n" + key);
    }

    void mark(String key) {
        put("k\n" + key, null);
    }

    private void put(String key, Seen value) {
        entries.remove(key); // re-inserted at the end: the newest
        entries.put(key, value);
        Iterator<Map.Entry<String, Seen>> oldest = entries.entrySet().iterator();
        while (entries.size() > MAX_ENTRIES) {
            Seen dropped = oldest.next().getValue();
            oldest.remove();
            if (dropped != null && byIdentifier.get(dropped.identifier()) == dropped) {
                byIdentifier.remove(dropped.identifier());
            }
        }
    }

    private static String alertKey(String sender, String identifier) {
        return "a\n" + sender + "\n" + identifier;
    }
}
