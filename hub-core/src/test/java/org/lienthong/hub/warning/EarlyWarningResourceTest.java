package org.lienthong.hub.warning;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.EvaluationQueue;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;
import org.lienthong.hub.testing.Xml;
import org.w3c.dom.Element;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Stations, readings and warning rules over HTTP against the real database: a station's series raises, raises higher,
 * ends or does not raise a warning exactly as EARLY-WARNING.md says; arrival order, replays and corrections; silent
 * stations; and every refusal names its field with nothing stored.
 */
@QuarkusTest
class EarlyWarningResourceTest {

    static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    @Inject
    DataSource dataSource;

    @Inject
    NoDataMonitor noData;

    record Site(String org, String station, String writer) {
    }

    static Site site(String prefix) {
        String org = Tokens.freshOrg(prefix);
        Orgs.ensure(org);
        String station = org + ".gauge";
        String writer = Tokens.bearer(org, "writer");
        given().header("Authorization", writer).contentType(ContentType.JSON).body("""
                {"code": "%s", "name": "Trạm %s", "classification": "public",
                 "location": {"description": "Sông Thu Bồn", "adminCodes": ["49"],
                              "geometry": {"type": "Point", "coordinates": [108.3287, 15.8801]}},
                 "attributes": {"zone": 2, "basin": "Thu Bồn"}}""".formatted(station, station)).post("/api/v1/stations")
                .then().statusCode(201);
        return new Site(org, station, writer);
    }

    /** Flood levels BĐ1–BĐ3 at 3, 4 and 5 m as risk levels 2–4, clear 0.2 m lower, held for {@code hold}. */
    static String floodRule(Site s, String hold, String extra) {
        return given().header("Authorization", s.writer()).contentType(ContentType.JSON).body("""
                {"name": "Lũ %s", "indicator": "water-level", "stations": ["%s"],
                 "levels": [{"riskLevel": 2, "above": 3.0, "clear": 2.8, "for": "%s"},
                            {"riskLevel": 3, "above": 4.0, "clear": 3.8, "for": "%s"},
                            {"riskLevel": 4, "above": 5.0, "clear": 4.8, "for": "%s"}],
                 "hazardCode": "MH0600", "domain": "climate", "classification": "public",
                 "title": "Lũ tại {station.name}: {value} {unit}, cấp {riskLevel}",
                 "effectiveFrom": "2026-01-01T00:00:00Z"%s}""".formatted(s.station(), s.station(), hold, hold, hold,
                extra)).post("/api/v1/warning-rules").then().statusCode(201).extract().path("id");
    }

    /** Readings every 10 minutes from {@code start}: the JSON array of them. */
    static String readings(Site s, Instant start, double... values) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            items.add(reading(s, start.plus(Duration.ofMinutes(10L * i)), values[i]));
        }
        return "[" + String.join(",", items) + "]";
    }

    static String reading(Site s, Instant t, double value) {
        return "{\"station\": \"" + s.station() + "\", \"indicator\": \"water-level\", \"time\": \"" + t
                + "\", \"value\": " + value + "}";
    }

    static JsonPath send(Site s, String body) {
        return given().header("Authorization", s.writer()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/observations").then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the evaluation queue is empty: everything committed has been evaluated. */
    void evaluated() throws Exception {
        EvaluationQueue.drained(dataSource);
    }

    static List<Map<String, Object>> episodes(Site s, String rule) {
        return given().header("Authorization", s.writer()).get("/api/v1/warning-rules/" + rule + "/episodes").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    static JsonPath threat(Site s, Object id) {
        return given().header("Authorization", s.writer()).get("/api/v1/threats/" + id).then().statusCode(200).extract()
                .jsonPath();
    }

    static List<Map<String, Object>> versions(Site s, Object id) {
        return given().header("Authorization", s.writer()).get("/api/v1/threats/" + id + "/versions").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    // ------------------------------------------------------------------ the state machine, end to end

    @Test
    void aCrossingShorterThanForRaisesNothing() throws Exception {
        Site s = site("ew-short");
        String rule = floodRule(s, "PT30M", "");
        send(s, readings(s, T0, 2.5, 3.1, 3.2, 2.5, 2.4));
        evaluated();
        assertEquals(List.of(), episodes(s, rule));
    }

    @Test
    void aHeldCrossingRaisesExactlyOneThreatAtTheRulesLevelAndAHigherLevelOneVersion() throws Exception {
        Site s = site("ew-held");
        String rule = floodRule(s, "PT30M", "");
        send(s, readings(s, T0, 2.5, 3.1, 3.2, 3.3, 3.4, 3.5));
        evaluated();
        List<Map<String, Object>> eps = episodes(s, rule);
        assertEquals(1, eps.size());
        Object id = eps.get(0).get("threatId");
        JsonPath t = threat(s, id);
        assertEquals(2, t.getInt("riskLevel"));
        assertEquals("warning", t.getString("status"));
        assertEquals("Observed", t.getString("certainty"));
        assertEquals("derive", t.getString("provenance.activity"));
        assertEquals(rule, t.getString("provenance.derivation.rule"));
        assertEquals(1, t.getInt("provenance.derivation.ruleVersion"));
        assertEquals(s.station(), t.getString("provenance.derivation.station"));
        assertEquals("water-level", t.getString("provenance.derivation.indicator"));
        assertEquals(T0.plus(Duration.ofMinutes(10)).toString(), t.getString("provenance.derivation.from"));
        assertEquals(T0.plus(Duration.ofMinutes(40)).toString(), t.getString("provenance.derivation.to"));
        assertEquals(3.4f, t.getFloat("indicators[0].value"));
        assertEquals("Lũ tại Trạm " + s.station() + ": 3.4 m, cấp 2", t.getString("title"));
        assertEquals(List.of("49"), t.getList("areas[0].adminCodes"));
        assertNull(t.get("exercise"));

        // a higher level held for its 30 minutes adds one version; flapping inside its band adds nothing
        send(s, readings(s, T0.plus(Duration.ofMinutes(60)), 4.1, 4.2, 4.3, 4.4, 3.9, 4.2, 3.85, 4.1));
        evaluated();
        assertEquals(1, episodes(s, rule).size());
        List<Map<String, Object>> vs = versions(s, id);
        assertEquals(List.of(2, 3), vs.stream().map(v -> v.get("riskLevel")).toList());
        assertEquals(3, threat(s, id).getInt("riskLevel"));

        // the same readings again: nothing
        send(s, readings(s, T0.plus(Duration.ofMinutes(60)), 4.1, 4.2, 4.3, 4.4, 3.9, 4.2, 3.85, 4.1));
        evaluated();
        assertEquals(2, versions(s, id).size(), "a replay creates nothing");
    }

    @Test
    void aFallBelowClearHeldForItsForEndsTheWarning() throws Exception {
        Site s = site("ew-end");
        String rule = floodRule(s, "PT30M", "");
        send(s, readings(s, T0, 3.2, 3.3, 3.4, 3.5, 2.7, 2.6, 2.9, 2.7, 2.6, 2.5, 2.4, 2.3));
        evaluated();
        List<Map<String, Object>> eps = episodes(s, rule);
        assertEquals(1, eps.size());
        assertEquals("ended", eps.get(0).get("status"));
        JsonPath t = threat(s, eps.get(0).get("threatId"));
        assertEquals("ended", t.getString("status"));
        assertEquals("Past", t.getString("urgency"));
        assertEquals(T0.plus(Duration.ofMinutes(100)).toString(), t.getString("expires"));
    }

    static String cap(Site s, Object id) {
        return given().header("Authorization", s.writer()).accept("application/cap+xml").get("/api/v1/threats/" + id)
                .then().statusCode(200).extract().asString();
    }

    /**
     * A derived warning as CAP: its activation an Alert, its higher level an Update, its end a Cancel; each valid CAP
     * 1.2 with an area (the station's admin code and point) and an expiry, the later ones referencing the Alert.
     */
    @Test
    void aDerivedWarningsCapChainIsAnAlertAnUpdateAndACancel() throws Exception {
        Site s = site("ew-cap");
        String rule = floodRule(s, "PT30M", "");
        send(s, readings(s, T0, 3.2, 3.3, 3.4, 3.5));
        evaluated();
        Object id = episodes(s, rule).get(0).get("threatId");
        String alert = cap(s, id);
        send(s, readings(s, T0.plus(Duration.ofMinutes(40)), 4.1, 4.2, 4.3, 4.4));
        evaluated();
        String update = cap(s, id);
        send(s, readings(s, T0.plus(Duration.ofMinutes(80)), 2.7, 2.6, 2.5, 2.4));
        evaluated();
        String cancel = cap(s, id);

        List<String> types = new ArrayList<>();
        List<Element> messages = new ArrayList<>();
        for (String xml : List.of(alert, update, cancel)) {
            Xml.assertValidCap(xml);
            Element message = Xml.root(xml);
            messages.add(message);
            types.add(Xml.text(message, Xml.CAP, "msgType"));
            assertNotNull(Xml.text(message, Xml.CAP, "expires"), "every message expires");
            Element area = Xml.children(Xml.children(message, Xml.CAP, "info").get(0), Xml.CAP, "area").get(0);
            assertEquals("Trạm " + s.station() + " — Sông Thu Bồn", Xml.text(area, Xml.CAP, "areaDesc"));
            assertFalse(Xml.children(area, Xml.CAP, "geocode").isEmpty(), "the station's admin code");
        }
        assertEquals(List.of("Alert", "Update", "Cancel"), types);
        Element first = messages.get(0);
        String reference = Xml.text(first, Xml.CAP, "sender") + "," + Xml.text(first, Xml.CAP, "identifier") + ","
                + Xml.text(first, Xml.CAP, "sent");
        assertEquals(reference, Xml.text(messages.get(1), Xml.CAP, "references"));
        assertEquals(reference, Xml.text(messages.get(2), Xml.CAP, "references"));
        assertEquals("Actual", Xml.text(first, Xml.CAP, "status"));
    }

    @Test
    void shuffledArrivalInManyBatchesEndsInTheSameThreatsAsArrivalInOrder() throws Exception {
        double[] series = { 2.0, 3.2, 3.3, 3.4, 3.5, 4.1, 4.2, 4.3, 4.4, 4.6, 3.7, 3.6, 2.7, 2.6, 2.5, 2.4, 2.3, 3.1,
                3.2, 3.3, 3.4, 3.6, 5.1, 5.2, 5.3, 5.4 };
        Site ordered = site("ew-ord");
        String r1 = floodRule(ordered, "PT30M", "");
        // one reading per request, as a station sends them
        List<String> items = new ArrayList<>();
        for (int i = 0; i < series.length; i++) {
            items.add(reading(ordered, T0.plus(Duration.ofMinutes(10L * i)), series[i]));
        }
        for (String item : items) {
            send(ordered, "[" + item + "]");
            evaluated();
        }
        Site shuffled = site("ew-shuf");
        String r2 = floodRule(shuffled, "PT30M", "");
        List<String> mixed = new ArrayList<>();
        for (int i = 0; i < series.length; i++) {
            mixed.add(reading(shuffled, T0.plus(Duration.ofMinutes(10L * i)), series[i]));
        }
        Collections.shuffle(mixed, new Random(7));
        for (int i = 0; i < mixed.size(); i += 5) {
            send(shuffled, "[" + String.join(",", mixed.subList(i, Math.min(mixed.size(), i + 5))) + "]");
        }
        evaluated();
        assertEquals(summary(ordered, r1), summary(shuffled, r2));
        assertFalse(summary(ordered, r1).isEmpty());
    }

    /** The live threats of a rule at its station, by episode start: what a consumer sees, without names and ids. */
    private List<String> summary(Site s, String rule) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> e : episodes(s, rule)) {
            if ("withdrawn".equals(e.get("status"))) {
                continue;
            }
            JsonPath t = threat(s, e.get("threatId"));
            out.add(e.get("startedAt") + " " + e.get("status") + " " + t.getString("status") + " "
                    + t.getInt("riskLevel") + " " + t.getString("indicators[0].value") + " " + t.getString("expires")
                    + " " + t.getString("onset"));
        }
        return out.stream().sorted().collect(Collectors.toList());
    }

    @Test
    void aCorrectionIsReportedAsSuchAndReEvaluated() throws Exception {
        Site s = site("ew-corr");
        String rule = floodRule(s, "PT0S", "");
        JsonPath first = send(s, readings(s, T0, 2.0, 3.5, 2.0));
        assertEquals(3, first.getInt("created"));
        evaluated();
        assertEquals(1, episodes(s, rule).size());
        // the 3.5 was a sensor fault: corrected to 2.1, the episode never happened
        JsonPath again = send(s, "[" + reading(s, T0.plus(Duration.ofMinutes(10)), 2.1) + ","
                + reading(s, T0.plus(Duration.ofMinutes(20)), 2.0) + "]");
        assertEquals(1, again.getInt("corrected"));
        assertEquals(1, again.getInt("unchanged"));
        assertEquals("corrected", again.getString("results[0].status"));
        assertEquals(3.5f, again.getFloat("results[0].previous"));
        evaluated();
        List<Map<String, Object>> eps = episodes(s, rule);
        assertEquals("withdrawn", eps.get(0).get("status"));
        given().header("Authorization", s.writer()).get("/api/v1/threats/" + eps.get(0).get("threatId")).then()
                .statusCode(410);
        JsonPath read = given().header("Authorization", s.writer())
                .get("/api/v1/stations/" + s.station() + "/observations?indicator=water-level").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(2.1f, read.getFloat("items[1].value"));
        assertEquals(3.5f, read.getFloat("items[1].corrections[0].value"), "the earlier value is kept");
    }

    /**
     * Six clients send the same 300 readings at once, each in its own order: every reading is created once and
     * unchanged for the other five, and no client gets an error (a deadlock would be one). Then the six send a new
     * value each for the same readings at once: every write is a correction whose reported earlier value is the one it
     * really replaced, so that the six corrections of a reading form one chain from the first value to the last, and
     * the kept earlier values are exactly those.
     */
    @Test
    void concurrentClientsWritingTheSameReadingsStoreEachOnceAndChainTheirCorrections() throws Exception {
        Site s = site("ew-race");
        int n = 300, clients = 6;
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(reading(s, T0.plus(Duration.ofMinutes(i)), 1.0));
        }
        List<List<String>> first = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            List<String> mine = new ArrayList<>(items);
            Collections.shuffle(mine, new Random(k));
            first.add(mine);
        }
        List<JsonPath> answers = concurrently(s, first);
        Map<String, List<String>> statuses = new HashMap<>();
        for (int k = 0; k < clients; k++) {
            List<Map<String, Object>> results = answers.get(k).getList("results");
            for (int j = 0; j < n; j++) {
                statuses.computeIfAbsent(time(first.get(k).get(j)), t -> new ArrayList<>())
                        .add((String) results.get(j).get("status"));
            }
        }
        assertEquals(n, statuses.size());
        statuses.forEach((t, st) -> {
            assertEquals(1, Collections.frequency(st, "created"), t + ": " + st);
            assertEquals(clients - 1, Collections.frequency(st, "unchanged"), t + ": " + st);
        });

        List<List<String>> second = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                mine.add(reading(s, T0.plus(Duration.ofMinutes(i)), 10.0 + k));
            }
            Collections.shuffle(mine, new Random(100 + k));
            second.add(mine);
        }
        answers = concurrently(s, second);
        Map<String, List<Double>> previous = new HashMap<>();
        for (int k = 0; k < clients; k++) {
            List<Map<String, Object>> results = answers.get(k).getList("results");
            for (int j = 0; j < n; j++) {
                assertEquals("corrected", results.get(j).get("status"));
                previous.computeIfAbsent(time(second.get(k).get(j)), t -> new ArrayList<>())
                        .add(((Number) results.get(j).get("previous")).doubleValue());
            }
        }
        Map<String, Double> stored = new HashMap<>();
        Map<String, List<Double>> kept = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st
                    .executeQuery("select time, value from observation where station = '" + s.station() + "'")) {
                while (rs.next()) {
                    stored.put(rs.getObject(1, OffsetDateTime.class).toInstant().toString(), rs.getDouble(2));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "select time, value from observation_correction where station = '" + s.station() + "'")) {
                while (rs.next()) {
                    kept.computeIfAbsent(rs.getObject(1, OffsetDateTime.class).toInstant().toString(),
                            t -> new ArrayList<>()).add(rs.getDouble(2));
                }
            }
        }
        assertEquals(n, stored.size(), "one row per reading");
        previous.forEach((t, p) -> {
            // the chain: 1.0 first, then every value but the last one written, each replaced exactly once
            List<Double> expected = new ArrayList<>();
            expected.add(1.0);
            for (int k = 0; k < clients; k++) {
                if (10.0 + k != stored.get(t)) {
                    expected.add(10.0 + k);
                }
            }
            Collections.sort(expected);
            List<Double> got = new ArrayList<>(p);
            Collections.sort(got);
            assertEquals(expected, got, t + ": the earlier values reported, last value " + stored.get(t));
            List<Double> saved = new ArrayList<>(kept.get(t));
            Collections.sort(saved);
            assertEquals(expected, saved, t + ": the earlier values kept");
        });
    }

    private static String time(String reading) {
        return JsonPath.from(reading).getString("time");
    }

    /** Sends each client's readings as one JSON array, all clients at once; every answer must be 200. */
    private static List<JsonPath> concurrently(Site s, List<List<String>> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (List<String> b : bodies) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return send(s, "[" + String.join(",", b) + "]");
                }));
            }
            go.countDown();
            List<JsonPath> out = new ArrayList<>();
            for (Future<JsonPath> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSilentStationKeepsItsWarningAndIsMarked() throws Exception {
        Site s = site("ew-gap");
        String rule = floodRule(s, "PT0S", ", \"noDataAfter\": \"PT1H\"");
        send(s, readings(s, T0, 3.5, 3.6));
        evaluated();
        Object id = episodes(s, rule).get(0).get("threatId");
        noData.check(T0.plus(Duration.ofHours(3)));
        JsonPath t = threat(s, id);
        assertEquals("warning", t.getString("status"), "silence never ends a warning");
        assertEquals(T0.plus(Duration.ofMinutes(10)).toString(), t.getString("dataGapSince"));
        assertEquals(T0.plus(Duration.ofMinutes(10)).toString(), given().header("Authorization", s.writer())
                .get("/api/v1/stations/" + s.station()).then().statusCode(200).extract().path("dataGapSince"));
        // readings again: the gap is over
        send(s, readings(s, T0.plus(Duration.ofHours(4)), 3.7));
        evaluated();
        assertNull(threat(s, id).get("dataGapSince"));
        assertNull(given().header("Authorization", s.writer()).get("/api/v1/stations/" + s.station()).then()
                .statusCode(200).extract().path("dataGapSince"));
    }

    @Test
    void anExerciseRuleRaisesThreatsMarkedExerciseAndIgnoresNoRealReading() throws Exception {
        Site s = site("ew-drill");
        String rule = floodRule(s, "PT0S", ", \"status\": \"exercise\"");
        send(s, readings(s, T0, 3.5));
        evaluated();
        Object id = episodes(s, rule).get(0).get("threatId");
        assertTrue(threat(s, id).getBoolean("exercise"));
        Element message = Xml.root(cap(s, id));
        assertEquals("Exercise", Xml.text(message, Xml.CAP, "status"));

        // and a real rule never looks at a drill reading
        Site real = site("ew-real");
        String realRule = floodRule(real, "PT0S", "");
        send(real, "[" + reading(real, T0, 3.5).replace("}", ", \"exercise\": true}") + "]");
        evaluated();
        assertEquals(List.of(), episodes(real, realRule));
    }

    // ------------------------------------------------------------------ what is refused

    @Test
    void everyBadReadingIsRefusedWithItsReasonAndTheRestStored() {
        Site s = site("ew-bad");
        Site other = site("ew-other");
        String body = "[" + String.join(",", reading(s, T0, 1.0),
                "{\"station\": \"vn.nowhere\", \"indicator\": \"water-level\", \"time\": \"" + T0 + "\", \"value\": 1}",
                "{\"station\": \"" + s.station() + "\", \"indicator\": \"unknown-thing\", \"time\": \"" + T0
                        + "\", \"value\": 1}",
                "{\"station\": \"" + s.station() + "\", \"indicator\": \"water-level\", \"time\": \"" + T0
                        + "\", \"value\": \"NaN\"}",
                "{\"station\": \"" + s.station()
                        + "\", \"indicator\": \"water-level\", \"time\": \"yesterday\", \"value\": 1}",
                "{\"station\": \"" + s.station()
                        + "\", \"indicator\": \"water-level\", \"time\": \"2999-01-01T00:00:00Z\", \"value\": 1}",
                "{\"station\": \"" + other.station() + "\", \"indicator\": \"water-level\", \"time\": \"" + T0
                        + "\", \"value\": 1}",
                "{\"station\": \"" + s.station() + "\", \"indicator\": \"water-level\", \"time\": \"" + T0
                        + "\", \"value\": 1e400}",
                "{\"station\": \"" + s.station() + "\", \"indicator\": \"water-level\", \"time\": \""
                        + T0.plusSeconds(1) + "\", \"value\": 1, \"colour\": \"red\"}")
                + "]";
        JsonPath r = send(s, body);
        assertEquals(1, r.getInt("created"));
        assertEquals(8, r.getInt("rejected"));
        assertEquals("station", r.getString("results[1].errors[0].field"));
        assertEquals("indicator", r.getString("results[2].errors[0].field"));
        assertEquals("value", r.getString("results[3].errors[0].field"));
        assertEquals("time", r.getString("results[4].errors[0].field"));
        assertEquals("time", r.getString("results[5].errors[0].field"));
        assertTrue(r.getString("results[6].errors[0].message").contains("may not be written"));
        assertEquals("value", r.getString("results[7].errors[0].field"));
        assertEquals("colour", r.getString("results[8].errors[0].field"));
        List<Object> stored = given().header("Authorization", s.writer())
                .get("/api/v1/stations/" + s.station() + "/observations?indicator=water-level").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertEquals(1, stored.size(), "nothing stored for a rejected reading");
    }

    @Test
    void moreThanFiftyThousandReadingsAreRefusedWholeWith413() {
        Site s = site("ew-413");
        StringBuilder nd = new StringBuilder();
        for (int i = 0; i <= ObservationService.MAX_ITEMS; i++) {
            nd.append(reading(s, T0.plusSeconds(i), 1.0)).append('\n');
        }
        given().header("Authorization", s.writer()).contentType("application/x-ndjson")
                .body(nd.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/observations")
                .then().statusCode(413).contentType("application/problem+json");
        assertEquals(0,
                given().header("Authorization", s.writer())
                        .get("/api/v1/stations/" + s.station() + "/observations?indicator=water-level").then()
                        .statusCode(200).extract().jsonPath().getList("items").size());
    }

    @Test
    void aCsvSheetOfReadingsIsImportedAndExportedLineByLine() {
        Site s = site("ew-csv");
        String sheet = "station,indicator,time,value,quality\n" + s.station()
                + ",water-level,2026-11-20T07:00:00+07:00," + "2.75,good\n" + s.station()
                + ",water-level,2026-11-20T08:00:00+07:00,abc,good\n" + s.station()
                + ",rainfall,2026-11-20T08:00:00+07:00,12.5,suspect\n";
        JsonPath r = given().header("Authorization", s.writer()).contentType("text/csv").body(sheet)
                .post("/api/v1/observations").then().statusCode(200).extract().jsonPath();
        assertEquals(2, r.getInt("created"));
        assertEquals(1, r.getInt("rejected"));
        assertEquals(3, r.getInt("results[1].line"));
        assertEquals("value", r.getString("results[1].errors[0].field"));
        String csv = given().header("Authorization", s.writer()).accept("text/csv")
                .get("/api/v1/stations/" + s.station() + "/observations?indicator=water-level").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.contains(s.station() + ",water-level,2026-11-20T00:00:00Z,2.75,good,false"), csv);
        given().header("Authorization", s.writer()).contentType("text/csv").body("station,colour\nx,red\n")
                .post("/api/v1/observations").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aRuleThatCannotBeEvaluatedIsRefusedNamingTheField() {
        Site s = site("ew-rule");
        String[][] cases = { { "\"indicator\": \"no-such\"", "indicator" },
                { "\"levels\": [{\"riskLevel\": 3, \"above\": 4}, {\"riskLevel\": 2, \"above\": 5}]",
                        "levels[1].riskLevel" },
                { "\"levels\": [{\"riskLevel\": 2, \"above\": 4}, {\"riskLevel\": 3, \"above\": 3}]",
                        "levels[1].above" },
                { "\"levels\": [{\"riskLevel\": 2, \"above\": 4, \"clear\": 4.5}]", "levels[0].clear" },
                { "\"levels\": [{\"riskLevel\": 2, \"below\": 4, \"clear\": 3}]", "levels[0].clear" },
                { "\"levels\": [{\"riskLevel\": 2, \"above\": 4, \"for\": \"half an hour\"}]", "levels[0].for" },
                { "\"noDataAfter\": \"-PT1H\"", "noDataAfter" },
                { "\"aggregate\": {\"fn\": \"sum\"}", "aggregate.window" },
                { "\"stations\": [\"vn.nowhere\"]", "stations[0]" },
                { "\"levels\": [{\"riskLevel\": 2, \"above\": 4}, {\"riskLevel\": 3, \"below\": 1}]", "levels[1]" } };
        for (String[] c : cases) {
            String body = "{\"name\": \"x\", \"indicator\": \"water-level\", \"stations\": [\"" + s.station() + "\"],"
                    + " \"levels\": [{\"riskLevel\": 2, \"above\": 3}], \"hazardCode\": \"MH0600\","
                    + " \"domain\": \"climate\", \"title\": \"t\", " + c[0] + "}";
            body = dedupe(body);
            given().header("Authorization", s.writer()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/warning-rules").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(c[1]));
        }
    }

    /** Keeps the last occurrence of each top-level member (the case replaces the default). */
    private static String dedupe(String body) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                    .disable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return mapper.writeValueAsString(mapper.readTree(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void rulesAreVersionedUnderIfMatch() {
        Site s = site("ew-ver");
        String rule = floodRule(s, "PT30M", "");
        String path = "/api/v1/warning-rules/" + rule;
        String current = given().header("Authorization", s.writer()).get(path).then().statusCode(200)
                .header("ETag", "\"1\"").extract().asString();
        String json = extractRule(current.replace("\"for\":\"PT30M\"", "\"for\":\"PT1H\""));
        given().header("Authorization", s.writer()).contentType(ContentType.JSON).body(json).put(path).then()
                .statusCode(428);
        given().header("Authorization", s.writer()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(json)
                .put(path).then().statusCode(200).header("ETag", "\"2\"");
        given().header("Authorization", s.writer()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(json)
                .put(path).then().statusCode(412);
        List<Map<String, Object>> versions = given().header("Authorization", s.writer()).get(path + "/versions").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertEquals(2, versions.size());
        assertEquals("PT30M",
                ((Map<?, ?>) ((List<?>) ((Map<?, ?>) versions.get(0).get("rule")).get("levels")).get(0)).get("for"));
        assertEquals("PT1H",
                ((Map<?, ?>) ((List<?>) ((Map<?, ?>) versions.get(1).get("rule")).get("levels")).get(0)).get("for"));
        // another organisation's writer may not change it
        given().header("Authorization", Tokens.bearer("vn.moh", "writer")).header("If-Match", "\"2\"")
                .contentType(ContentType.JSON).body(json).put(path).then().statusCode(403);
    }

    /** The {@code rule} member of a warning rule answer, as a request body. */
    private static String extractRule(String answer) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            return mapper.writeValueAsString(mapper.readTree(answer).get("rule"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
