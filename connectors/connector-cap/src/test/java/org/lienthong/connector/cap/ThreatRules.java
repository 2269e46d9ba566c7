package org.lienthong.connector.cap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hub's validation rules for a threat (hub-core's {@code RecordValidator}), restated for what this connector
 * produces: field names, enums, text limits, RFC 3339 timestamps, GeoJSON, source references and the cross-field rules.
 * A connector cannot depend on hub-core, so the tests check against this copy; {@link #problems} returns what the hub
 * would refuse.
 */
final class ThreatRules {

    static final Pattern HAZARD_CODE = Pattern.compile("[A-Z]{2}[0-9]{4}|VN-[A-Z0-9]+(-[A-Z0-9]+)*");
    static final Pattern ADMIN_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern ORG_CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*");
    static final Pattern RFC3339 = Pattern
            .compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    static final Set<String> ENVELOPE = Set.of("id", "kind", "owner", "classification", "sourceRef", "version",
            "createdAt", "updatedAt", "deleted", "provenance");
    static final Set<String> THREAT = Set.of("title", "description", "instruction", "hazardCode", "domain", "status",
            "riskLevel", "urgency", "severity", "certainty", "responseTypes", "effective", "onset", "expires", "areas",
            "indicators", "alert");
    static final Set<String> DOMAINS = Set.of("geology", "climate", "environment", "water", "energy", "health", "crime",
            "cyber", "food", "finance", "other");
    static final Set<String> STATUS = Set.of("monitoring", "warning", "active", "contained", "ended");
    static final Set<String> URGENCY = Set.of("Immediate", "Expected", "Future", "Past", "Unknown");
    static final Set<String> SEVERITY = Set.of("Extreme", "Severe", "Moderate", "Minor", "Unknown");
    static final Set<String> CERTAINTY = Set.of("Observed", "Likely", "Possible", "Unlikely", "Unknown");
    static final Set<String> RESPONSE_TYPES = Set.of("Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor",
            "Assess", "AllClear", "None");
    static final Set<String> MSG_TYPES = Set.of("Alert", "Update", "Cancel", "Ack", "Error");
    static final Set<String> CLASSIFICATIONS = Set.of("public", "internal", "restricted", "secret");

    private final List<String> problems = new ArrayList<>();

    private ThreatRules() {
    }

    /** What the hub would refuse in {@code threat}; empty when it would accept it. */
    static List<String> problems(Map<String, Object> threat) {
        ThreatRules r = new ThreatRules();
        r.check(threat);
        return r.problems;
    }

    private void check(Map<String, Object> t) {
        for (String name : t.keySet()) {
            if (!ENVELOPE.contains(name) && !THREAT.contains(name)) {
                error(name, "is not a field of a threat");
            }
        }
        if (t.get("owner") instanceof String o) {
            if (!ORG_CODE.matcher(o).matches()) {
                error("owner", "not an organisation code");
            }
        } else {
            error("owner", "missing (needed on create)");
        }
        oneOf(t, "classification", CLASSIFICATIONS, false);
        if (t.get("sourceRef") instanceof Map<?, ?> ref) {
            if (!Set.of("system", "id").containsAll(ref.keySet())) {
                error("sourceRef", "unknown member");
            }
            text("sourceRef.system", ref.get("system"), 256, false, true);
            text("sourceRef.id", ref.get("id"), 256, false, true);
        } else {
            error("sourceRef", "missing: a connector's upsert needs one");
        }
        text("title", t.get("title"), 500, false, true);
        text("description", t.get("description"), 20_000, true, false);
        text("instruction", t.get("instruction"), 20_000, true, false);
        if (!(t.get("hazardCode") instanceof String h) || h.length() > 64 || !HAZARD_CODE.matcher(h).matches()) {
            error("hazardCode", "missing or not a HIP/VN code: " + t.get("hazardCode"));
        }
        oneOf(t, "domain", DOMAINS, true);
        oneOf(t, "status", STATUS, false);
        if (t.containsKey("riskLevel")) {
            if (!(t.get("riskLevel") instanceof Number n) || new BigDecimal(n.toString()).scale() > 0
                    || n.intValue() < 1 || n.intValue() > 5) {
                error("riskLevel", "not an integer 1..5");
            }
        }
        oneOf(t, "urgency", URGENCY, false);
        oneOf(t, "severity", SEVERITY, false);
        oneOf(t, "certainty", CERTAINTY, false);
        if (t.containsKey("responseTypes")) {
            List<?> list = listOf("responseTypes", t.get("responseTypes"));
            if (list != null) {
                if (new HashSet<>(list).size() != list.size()) {
                    error("responseTypes", "listed twice");
                }
                for (Object o : list) {
                    if (!RESPONSE_TYPES.contains(o)) {
                        error("responseTypes", "unknown " + o);
                    }
                }
            }
        }
        Instant effective = time("effective", t.get("effective"));
        Instant onset = time("onset", t.get("onset"));
        Instant expires = time("expires", t.get("expires"));
        if (expires != null
                && ((effective != null && expires.isBefore(effective)) || (onset != null && expires.isBefore(onset)))) {
            error("expires", "before effective or onset");
        }
        if (t.containsKey("areas")) {
            List<?> areas = listOf("areas", t.get("areas"));
            for (int i = 0; areas != null && i < areas.size(); i++) {
                area("areas[" + i + "]", areas.get(i));
            }
        }
        if (t.containsKey("alert")) {
            alert(t.get("alert"));
        }
    }

    private void area(String path, Object o) {
        if (!(o instanceof Map<?, ?> a)) {
            error(path, "not an object");
            return;
        }
        if (!Set.of("description", "adminCodes", "geometry").containsAll(a.keySet())) {
            error(path, "unknown member " + a.keySet());
        }
        if (a.containsKey("description")) {
            text(path + ".description", a.get("description"), 500, false, true);
        }
        if (a.containsKey("adminCodes")) {
            List<?> codes = listOf(path + ".adminCodes", a.get("adminCodes"));
            if (codes != null) {
                if (new HashSet<>(codes).size() != codes.size()) {
                    error(path + ".adminCodes", "listed twice");
                }
                for (Object c : codes) {
                    if (!(c instanceof String s) || !ADMIN_CODE.matcher(s).matches()) {
                        error(path + ".adminCodes", "not an admin code: " + c);
                    }
                }
            }
        }
        if (a.containsKey("geometry")) {
            geometry(path + ".geometry", a.get("geometry"), 0);
        }
    }

    private void alert(Object o) {
        if (!(o instanceof Map<?, ?> a)) {
            error("alert", "not an object");
            return;
        }
        if (!Set.of("identifier", "sender", "sent", "msgType", "references").containsAll(a.keySet())) {
            error("alert", "unknown member " + a.keySet());
        }
        text("alert.identifier", a.get("identifier"), 500, false, true);
        text("alert.sender", a.get("sender"), 500, false, true);
        if (time("alert.sent", a.get("sent")) == null) {
            error("alert.sent", "required");
        }
        if (!MSG_TYPES.contains(a.get("msgType"))) {
            error("alert.msgType", "not a msgType: " + a.get("msgType"));
        }
        if (a.containsKey("references")) {
            List<?> refs = listOf("alert.references", a.get("references"));
            for (int i = 0; refs != null && i < refs.size(); i++) {
                text("alert.references[" + i + "]", refs.get(i), 500, false, true);
            }
        }
    }

    private void geometry(String path, Object o, int depth) {
        if (!(o instanceof Map<?, ?> g)) {
            error(path, "not an object");
            return;
        }
        if (!Set.of("type", "coordinates", "geometries").containsAll(g.keySet())) {
            error(path, "unknown member " + g.keySet());
        }
        Object c = g.get("coordinates");
        switch (String.valueOf(g.get("type"))) {
        case "Point" -> position(path, c);
        case "MultiPoint" -> each(path, c, 1, p -> position(path, p));
        case "LineString" -> each(path, c, 2, p -> position(path, p));
        case "Polygon" -> polygon(path, c);
        case "MultiPolygon" -> each(path, c, 1, p -> polygon(path, p));
        case "GeometryCollection" -> {
            if (depth > 0) {
                error(path, "nested GeometryCollection");
            }
            each(path, g.get("geometries"), 1, p -> geometry(path, p, depth + 1));
        }
        default -> error(path, "unknown type " + g.get("type"));
        }
    }

    private void polygon(String path, Object rings) {
        each(path, rings, 1, ring -> {
            if (!(ring instanceof List<?> r) || r.size() < 4) {
                error(path, "a ring needs 4 positions");
                return;
            }
            r.forEach(p -> position(path, p));
            if (!same(r.get(0), r.get(r.size() - 1))) {
                error(path, "ring not closed");
            }
        });
    }

    private static boolean same(Object a, Object b) {
        List<?> p = (List<?>) a;
        List<?> q = (List<?>) b;
        if (p.size() != q.size()) {
            return false;
        }
        for (int i = 0; i < p.size(); i++) {
            if (new BigDecimal(p.get(i).toString()).compareTo(new BigDecimal(q.get(i).toString())) != 0) {
                return false;
            }
        }
        return true;
    }

    private void position(String path, Object o) {
        if (!(o instanceof List<?> p) || p.size() < 2 || p.size() > 3
                || !p.stream().allMatch(Number.class::isInstance)) {
            error(path, "not a position: " + o);
            return;
        }
        double lon = ((Number) p.get(0)).doubleValue();
        double lat = ((Number) p.get(1)).doubleValue();
        if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
            error(path, "position out of range: " + o);
        }
    }

    private void each(String path, Object o, int min, java.util.function.Consumer<Object> part) {
        if (!(o instanceof List<?> list) || list.size() < min) {
            error(path, "needs a list of at least " + min);
            return;
        }
        list.forEach(part);
    }

    private List<?> listOf(String path, Object o) {
        if (!(o instanceof List<?> list)) {
            error(path, "not a list");
            return null;
        }
        if (list.size() > 1000) {
            error(path, "more than 1000 items");
        }
        return list;
    }

    private Instant time(String path, Object o) {
        if (o == null) {
            return null;
        }
        if (!(o instanceof String s) || !RFC3339.matcher(s).matches()) {
            error(path, "not RFC 3339: " + o);
            return null;
        }
        return OffsetDateTime.parse(s.toUpperCase(java.util.Locale.ROOT)).toInstant();
    }

    private void oneOf(Map<String, Object> t, String name, Set<String> allowed, boolean required) {
        Object v = t.get(name);
        if (v == null) {
            if (required) {
                error(name, "required");
            }
            return;
        }
        if (!allowed.contains(v)) {
            error(name, "not one of " + allowed + ": " + v);
        }
    }

    private void text(String path, Object o, int max, boolean multiline, boolean required) {
        if (o == null) {
            if (required) {
                error(path, "required");
            }
            return;
        }
        if (!(o instanceof String s) || s.isBlank()) {
            error(path, "must be a non-empty string");
            return;
        }
        if (s.codePointCount(0, s.length()) > max) {
            error(path, "longer than " + max);
        }
        for (char ch : s.toCharArray()) {
            boolean allowedBreak = multiline && (ch == '\n' || ch == '\r' || ch == '\t');
            if ((Character.isISOControl(ch) && !allowedBreak) || ch == '\uFFFE' || ch == '\uFFFF') {
                error(path, String.format("control character U+%04X", (int) ch));
                return;
            }
        }
    }

    private void error(String path, String message) {
        problems.add(path + ": " + message);
    }
}
