package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.lienthong.it.Await.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Federation of real hubs linked by hub-peer connector instances.
 *
 * <pre>
 *   central (vn) ◄──── instance "central" (both, actAs vn) ──── province (vn.dn, Đà Nẵng)
 *   ministry-a (vn.mae) ── instance "peer-moh" (both, actAs vn.moh) ──► ministry-b (vn.moh)
 *   agreements on both ministry hubs: vn.mae → vn.moh and vn.moh → vn.mae, incidents up to internal
 * </pre>
 *
 * The scenarios run in order on the same hubs (later ones use the records of earlier ones). The links are made in
 * {@link #federation()}: until a hub offers {@code POST /api/v1/connectors} with the hub-peer type, the class fails
 * there, with the hub's answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationIT {

    /** The instances' polling interval. */
    static final int INTERVAL_SECONDS = 5;
    /** How long a change may take to reach the other hub in the functional scenarios. */
    static final Duration ARRIVAL = Duration.ofSeconds(30);
    /** How long to keep watching for something that must not happen (echoes, forbidden records). */
    static final Duration SETTLE = Duration.ofSeconds(INTERVAL_SECONDS + 2);

    static final String ALL_KINDS = "threat,incident,resource";

    static Hub central;
    static Hub province;
    static Hub ministryA;
    static Hub ministryB;
    static Hub province2;

    /** Records made by earlier scenarios, used by later ones. */
    static JsonNode threatFromCentral;
    static JsonNode incidentFromProvince;

    @BeforeAll
    static void federation() {
        Databases.port(); // fails at once, with the reason, outside bin/test
        List<Hub> hubs = Hub.startAll("central", "province", "ministry-a", "ministry-b");
        central = hubs.get(0);
        province = hubs.get(1);
        ministryA = hubs.get(2);
        ministryB = hubs.get(3);

        for (Hub ministry : List.of(ministryA, ministryB)) {
            Client admin = admin(ministry);
            admin.agreement("vn.mae", "vn.moh", List.of("incident"), "internal",
                    "Chia sẻ sự cố môi trường với ngành y tế / Environmental incidents for health");
            admin.agreement("vn.moh", "vn.mae", List.of("incident"), "internal",
                    "Chia sẻ sự cố y tế với ngành môi trường / Health incidents for environment");
        }

        // the connector step
        link(province, "central", central, "vn.dn", "both", "vn");
        link(ministryA, "peer-moh", ministryB, "vn.mae", "both", "vn.moh");
    }

    @AfterAll
    static void shutdown() {
        for (Hub hub : new Hub[] { central, province, ministryA, ministryB, province2 }) {
            if (hub != null) {
                hub.kill();
            }
        }
        Databases.dropAll();
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_aThreatCreatedCentrallyReachesTheProvince() {
        ObjectNode body = Bodies.threat();
        body.put("owner", "vn").put("classification", "internal");
        threatFromCentral = admin(central).create("threat", body);
        String id = threatFromCentral.get("id").asText();
        JsonNode there = arrives(province, "threat", id, hash(threatFromCentral));
        assertSameVersion(threatFromCentral, there, province);
        assertEquals("central", there.path("provenance").path("originHub").asText());
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void b_anIncidentCreatedInTheProvinceReachesCentral() {
        ObjectNode body = Bodies.incident();
        body.put("owner", "vn.dn").put("classification", "internal");
        incidentFromProvince = province.as(Jwts.writer("vn.dn")).create("incident", body);
        String id = incidentFromProvince.get("id").asText();
        JsonNode there = arrives(central, "incident", id, hash(incidentFromProvince));
        assertSameVersion(incidentFromProvince, there, central);
        assertEquals("province", there.path("provenance").path("originHub").asText());
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void c_nothingEchoesBack() {
        requireEarlier(threatFromCentral, incidentFromProvince);
        Hub.sleep(SETTLE.toMillis());
        for (JsonNode record : List.of(threatFromCentral, incidentFromProvince)) {
            String kind = record.get("kind").asText();
            String id = record.get("id").asText();
            List<JsonNode> atCentral = admin(central).versions(kind, id);
            List<JsonNode> atProvince = admin(province).versions(kind, id);
            assertEquals(hashes(atCentral), hashes(atProvince), kind + " " + id + ": the versions on both hubs");
            assertEquals(1, atCentral.size(), kind + " " + id + " has one version on central: " + hashes(atCentral));
        }
        for (Hub hub : List.of(central, province)) {
            Map<String, Long> perHash = admin(hub).changes(null).stream()
                    .collect(Collectors.groupingBy(c -> hash(c.path("record")), Collectors.counting()));
            Map<String, Long> repeated = new HashMap<>(perHash);
            repeated.values().removeIf(n -> n == 1);
            assertEquals(Map.of(), repeated, "hashes in the feed of " + hub + " more than once");
            assertEquals(1L, perHash.get(hash(threatFromCentral)), "the threat in the feed of " + hub);
            assertEquals(1L, perHash.get(hash(incidentFromProvince)), "the incident in the feed of " + hub);
        }
    }

    @Test
    @Order(4)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void d_concurrentEditsConvergeWithTheOwnersEditWinning() throws Exception {
        requireEarlier(incidentFromProvince);
        String id = incidentFromProvince.get("id").asText();
        String base = hash(incidentFromProvince);

        JsonNode byCentral;
        JsonNode byProvince;
        pause(province, "central");
        try {
            JsonNode baseAtCentral = admin(central).read("incident", id);
            JsonNode baseAtProvince = admin(province).read("incident", id);
            assertEquals(base, hash(baseAtCentral));
            assertEquals(base, hash(baseAtProvince));

            ObjectNode centralEdit = Bodies.incident();
            centralEdit.put("status", "closed").put("title", centralEdit.get("title").asText() + " (Trung ương)");
            ObjectNode provinceEdit = Bodies.incident();
            provinceEdit.put("status", "recovering").put("riskLevel", 5).put("title",
                    provinceEdit.get("title").asText() + " (Sở Đà Nẵng)");
            CompletableFuture<JsonNode> atCentral = CompletableFuture.supplyAsync(
                    () -> admin(central).update("incident", id, baseAtCentral.get("version").asInt(), centralEdit));
            CompletableFuture<JsonNode> atProvince = CompletableFuture
                    .supplyAsync(() -> province.as(Jwts.writer("vn.dn")).update("incident", id,
                            baseAtProvince.get("version").asInt(), provinceEdit));
            byCentral = atCentral.get(30, TimeUnit.SECONDS);
            byProvince = atProvince.get(30, TimeUnit.SECONDS);
            assertEquals(List.of(base), parents(byCentral), "central's edit follows the shared version");
            assertEquals(List.of(base), parents(byProvince), "the province's edit follows the shared version");
        } finally {
            resume(province, "central"); // also when the edits failed: later scenarios need the link
        }
        String head = await("the heads of incident " + id + " on central and province to be equal", ARRIVAL, () -> {
            String c = hash(admin(central).read("incident", id));
            String p = hash(admin(province).read("incident", id));
            return c.equals(p) && !c.equals(hash(byCentral)) && !c.equals(hash(byProvince)) ? Optional.of(c)
                    : Optional.empty();
        });
        for (Hub hub : List.of(central, province)) {
            JsonNode merged = admin(hub).read("incident", id);
            assertEquals(head, hash(merged), hub + "");
            assertEquals(Set.of(hash(byCentral), hash(byProvince)), Set.copyOf(parents(merged)),
                    "the merge on " + hub + " has both edits as parents");
            assertEquals(Bodies.content(byProvince), Bodies.content(merged),
                    "the owner's (province's) edit wins on " + hub);
            assertEquals("vn.dn", merged.get("owner").asText());
            List<JsonNode> conflicts = admin(hub).conflicts().stream()
                    .filter(c -> id.equals(c.path("recordId").asText())).toList();
            assertFalse(conflicts.isEmpty(), "GET /api/v1/conflicts on " + hub + " lists incident " + id);
            JsonNode conflict = conflicts.get(0);
            assertEquals(hash(byProvince), conflict.path("winnerHash").asText(), "winner on " + hub);
            assertEquals(head, conflict.path("mergeHash").asText(), "merge on " + hub);
        }
    }

    @Test
    @Order(5)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void e_whatTheProvinceWroteDuringAnOutageReachesCentralAfterwards() {
        central.kill();
        Client writer = province.as(Jwts.writer("vn.dn"));
        List<JsonNode> written = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ObjectNode body = Bodies.incident();
            body.put("owner", "vn.dn").put("classification", "internal").put("title",
                    "Sạt lở trong lúc mất kết nối, điểm " + i);
            written.add(writer.create("incident", body));
        }
        central.restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            for (JsonNode record : written) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                JsonNode there = arrives(central, "incident", record.get("id").asText(), hash(record), left);
                assertSameVersion(record, there, central);
            }
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthe province's link: " + admin(province).connector("central"),
                    e);
        }
    }

    @Test
    @Order(6)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void f_ministriesShareSidewaysOnlyWhatTheAgreementsAllow() {
        Client mae = ministryA.as(Jwts.writer("vn.mae"));
        Client moh = ministryB.as(Jwts.writer("vn.moh"));
        // the forbidden ones first: once the allowed ones (written later) are across, these have been considered
        ObjectNode restrictedBody = Bodies.incident();
        restrictedBody.put("owner", "vn.mae").put("classification", "restricted").put("title",
                "Sự cố hạn chế: không chia sẻ");
        JsonNode restricted = mae.create("incident", restrictedBody);
        ObjectNode resourceBody = Bodies.resource();
        resourceBody.put("owner", "vn.mae").put("classification", "internal");
        JsonNode resource = mae.create("resource", resourceBody);
        ObjectNode fromMaeBody = Bodies.incident();
        fromMaeBody.put("owner", "vn.mae").put("classification", "internal").put("title", "Ô nhiễm nguồn nước sau lũ");
        JsonNode fromMae = mae.create("incident", fromMaeBody);
        ObjectNode fromMohBody = Bodies.incident();
        fromMohBody.put("owner", "vn.moh").put("classification", "internal").put("title", "Nguy cơ dịch tả sau lũ");
        JsonNode fromMoh = moh.create("incident", fromMohBody);

        assertSameVersion(fromMae, arrives(ministryB, "incident", fromMae.get("id").asText(), hash(fromMae)),
                ministryB);
        assertSameVersion(fromMoh, arrives(ministryA, "incident", fromMoh.get("id").asText(), hash(fromMoh)),
                ministryA);
        Hub.sleep(SETTLE.toMillis());
        Client atB = admin(ministryB);
        assertEquals(404, atB.get("/api/v1/incidents/" + restricted.get("id").asText()).status(),
                "a restricted incident of vn.mae must not reach ministry-b");
        assertEquals(404, atB.get("/api/v1/resources/" + resource.get("id").asText()).status(),
                "a resource of vn.mae (no agreement for resources) must not reach ministry-b");
    }

    /**
     * A drill runs across levels: a threat marked exercise written on central reaches the province (pulled with
     * include=exercise) and one written in the province reaches central (pushed), each as the same version, marked,
     * once; on both hubs default lists and the default feed leave them out, include=exercise brings them.
     */
    @Test
    @Order(7)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void g_aDrillCrossesLevelsMarkedAndOutOfDefaultReads() {
        ObjectNode centralBody = Bodies.threat();
        centralBody.put("owner", "vn").put("classification", "internal").put("exercise", true).put("title",
                "Diễn tập: bão số 13 (Trung ương)");
        JsonNode centralDrill = admin(central).create("threat", centralBody);
        ObjectNode provinceBody = Bodies.threat();
        provinceBody.put("owner", "vn.dn").put("classification", "internal").put("exercise", true).put("title",
                "Diễn tập: sơ tán dân (Đà Nẵng)");
        JsonNode provinceDrill = province.as(Jwts.writer("vn.dn")).create("threat", provinceBody);

        JsonNode atProvince = arrives(province, "threat", centralDrill.get("id").asText(), hash(centralDrill));
        assertSameVersion(centralDrill, atProvince, province);
        JsonNode atCentral = arrives(central, "threat", provinceDrill.get("id").asText(), hash(provinceDrill));
        assertSameVersion(provinceDrill, atCentral, central);
        assertTrue(atProvince.path("exercise").asBoolean() && atCentral.path("exercise").asBoolean(),
                "marked on the receiving hubs");

        Hub.sleep(SETTLE.toMillis()); // an echo would have come back by now
        Set<String> drills = Set.of(hash(centralDrill), hash(provinceDrill));
        for (Hub hub : List.of(central, province)) {
            Client admin = admin(hub);
            for (JsonNode drill : List.of(centralDrill, provinceDrill)) {
                String id = drill.get("id").asText();
                assertEquals(List.of(hash(drill)), hashes(admin.versions("threat", id)), id + " on " + hub);
                String owner = drill.get("owner").asText();
                assertFalse(ids(admin.get("/api/v1/threats?limit=1000&owner=" + owner)).contains(id),
                        "the default list of " + hub + " leaves " + id + " out");
                assertTrue(ids(admin.get("/api/v1/threats?limit=1000&include=exercise&owner=" + owner)).contains(id),
                        "with include=exercise the list of " + hub + " has " + id);
            }
            assertEquals(List.of(),
                    admin.changes("threat").stream().map(c -> hash(c.path("record"))).filter(drills::contains).toList(),
                    "drills in the default feed of " + hub);
            Map<String, Long> withDrills = admin.changes("threat", true).stream().map(c -> hash(c.path("record")))
                    .filter(drills::contains).collect(Collectors.groupingBy(h -> h, Collectors.counting()));
            assertEquals(Map.of(hash(centralDrill), 1L, hash(provinceDrill), 1L), withDrills,
                    "each drill once in the feed of " + hub + " with include=exercise");
        }
    }

    static List<String> ids(Client.Answer page) {
        List<String> out = new ArrayList<>();
        page.expect(200).json().path("items").forEach(r -> out.add(r.path("id").asText()));
        return out;
    }

    /**
     * A warning raised by readings in the province, with two processes of the province hub taking the readings and
     * evaluating, is written once per level change and reaches central as the same version.
     */
    @Test
    @Order(8)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void h_aWarningDerivedInTheProvinceReachesCentralAndTwoReplicasDeriveItOnce() throws Exception {
        Client writer = province.as(Jwts.writer("vn.dn"));
        String station = "vn.dn.kttv.cam-le";
        writer.postJson("/api/v1/stations", Client.JSON.readTree("""
                {"code": "%s", "name": "Trạm thủy văn Cẩm Lệ", "owner": "vn.dn", "classification": "internal",
                 "location": {"adminCodes": ["48"], "geometry": {"type": "Point", "coordinates": [108.197, 16.003]}}}"""
                .formatted(station))).expect(201);
        String rule = writer.postJson("/api/v1/warning-rules", Client.JSON.readTree("""
                {"name": "Lũ sông Cẩm Lệ", "indicator": "water-level", "stations": ["%s"],
                 "levels": [{"riskLevel": 2, "above": 2.0, "clear": 1.8}, {"riskLevel": 3, "above": 3.0, "clear": 2.8}],
                 "hazardCode": "MH0600", "domain": "climate", "title": "Lũ tại {station.name}: {value} {unit}",
                 "owner": "vn.dn", "classification": "internal", "effectiveFrom": "2026-01-01T00:00:00Z"}"""
                .formatted(station))).expect(201).json().get("id").asText();

        // a second process of the province hub on the same database: both take readings, both evaluate
        Hub replica = Hub.replicaOf(province, "province-replica");
        Hub.startAll(List.of(replica));
        try {
            Client atReplica = replica.as(Jwts.writer("vn.dn"));
            Instant t0 = Instant.parse("2026-11-20T00:00:00Z");
            double[] values = { 1.0, 2.2, 2.4, 3.1, 3.3, 3.2, 2.5 };
            for (int i = 0; i < values.length; i++) {
                String reading = "[{\"station\": \"" + station + "\", \"indicator\": \"water-level\", \"time\": \""
                        + t0.plus(Duration.ofMinutes(10L * i)) + "\", \"value\": " + values[i] + "}]";
                // in time order, alternately to each process: both evaluate, each reading's evaluation may be
                // taken by either, and a warning written twice would show as an extra version
                (i % 2 == 0 ? writer : atReplica).post("/api/v1/observations", "application/json", reading).expect(200);
            }
            JsonNode episodes = await("the warning at " + station, ARRIVAL, () -> {
                JsonNode items = writer.get("/api/v1/warning-rules/" + rule + "/episodes").expect(200).json()
                        .get("items");
                // the last reading (2.5 m) left level 3 below its clear value 2.8: back at level 2
                Instant last = t0.plus(Duration.ofMinutes(10L * (values.length - 1)));
                return items.size() == 1 && items.get(0).path("level").asInt() == 2
                        && last.equals(Instant.parse(items.get(0).path("lastReadingAt").asText("1970-01-01T00:00:00Z")))
                                ? Optional.of(items) : Optional.empty();
            });
            String threatId = episodes.get(0).get("threatId").asText();
            JsonNode threat = await("threat " + threatId + " back at level 2", ARRIVAL,
                    () -> writer.find("threat", threatId).filter(t -> t.path("version").asInt() == 3));
            JsonNode versions = writer.get("/api/v1/threats/" + threatId + "/versions").expect(200).json().get("items");
            List<Integer> levels = new ArrayList<>();
            versions.forEach(v -> levels.add(v.path("riskLevel").asInt()));
            assertEquals(List.of(2, 3, 2), levels,
                    "one version per level change, though two processes evaluated: " + levels);
            assertEquals("derive", threat.path("provenance").path("activity").asText());
            assertEquals(rule, threat.path("provenance").path("derivation").path("rule").asText());

            // and the warning travels: central holds the same threat, same id and hash
            JsonNode atCentral = arrives(central, "threat", threatId, hash(threat));
            assertSameVersion(threat, atCentral, central);
            assertEquals("province", atCentral.path("provenance").path("originHub").asText());
            assertEquals(threat.path("provenance").path("derivation"), atCentral.path("provenance").path("derivation"));
        } finally {
            replica.kill();
        }
    }

    @Test
    @Order(9)
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void i_measurements() {
        List<String> figures = new ArrayList<>();
        figure(figures, "Lienthong sync figures, " + Instant.now() + " (" + Runtime.getRuntime().availableProcessors()
                + " CPUs, hubs with -Xmx192m -XX:+UseSerialGC, one PostgreSQL server, instances with intervalSeconds "
                + INTERVAL_SECONDS + ")");

        // --- sync lag: one incident at a time, about one every 200 ms
        Client writer = province.as(Jwts.writer("vn.dn"));
        Client atCentral = admin(central);
        List<Long> lags = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            long started = System.nanoTime();
            ObjectNode body = Bodies.incident();
            body.put("owner", "vn.dn").put("classification", "internal").put("title", "Đo độ trễ " + i);
            String id = writer.create("incident", body).get("id").asText();
            long created = System.nanoTime();
            await("incident " + id + " at central", ARRIVAL, Duration.ofMillis(10),
                    () -> atCentral.get("/api/v1/incidents/" + id).status() == 200 ? Optional.of(true)
                            : Optional.empty());
            lags.add((System.nanoTime() - created) / 1_000_000);
            long spent = (System.nanoTime() - started) / 1_000_000;
            if (spent < 200) {
                Hub.sleep(200 - spent);
            }
        }
        List<Long> sorted = lags.stream().sorted().toList();
        figure(figures, String.format(
                "sync lag province -> central, 30 incidents (from the province's 201 to the first 200 at central,"
                        + " polled every 10 ms): median %d ms, p90 %d ms, worst %d ms; all: %s",
                percentile(sorted, 50), percentile(sorted, 90), sorted.get(sorted.size() - 1), lags));
        // the hub's own metric of the same thing, as Prometheus scrapes it
        Client.Answer scraped = atCentral.get("/q/metrics");
        String syncLines = scraped.body().lines().filter(l -> l.startsWith("lienthong_sync_lag"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(syncLines.contains("lienthong_sync_lag_seconds_count{peer=\"" + province.id() + "\""),
                "central's /q/metrics has the sync lag from the province (HTTP " + scraped.status() + "): "
                        + syncLines);

        // --- initial sync of a new hub: 10 000 threats on central
        pause(province, "central"); // keep the province's own pull out of the measurement
        Client centralWriter = central.as(Jwts.writer("vn"));
        Set<String> ids = new HashSet<>();
        long ingestStart = System.nanoTime();
        for (int batch = 0; batch < 5; batch++) {
            StringBuilder ndjson = new StringBuilder();
            for (int i = batch * 2000; i < (batch + 1) * 2000; i++) {
                ObjectNode item = Bodies.threat();
                item.put("kind", "threat").put("owner", "vn").put("classification", "internal").put("title",
                        "Cảnh báo thử nghiệm số " + i);
                item.putObject("sourceRef").put("system", "sync-it").put("id", "initial-" + i);
                ndjson.append(item).append('\n');
            }
            JsonNode result = centralWriter.post("/api/v1/ingest", "application/x-ndjson", ndjson.toString())
                    .expect(200).json();
            assertEquals(2000, result.path("created").asInt(), "batch " + batch + ": " + result.path("rejected"));
            result.path("results").forEach(r -> ids.add(r.path("id").asText()));
        }
        long ingestMillis = (System.nanoTime() - ingestStart) / 1_000_000;
        assertEquals(10_000, ids.size());

        province2 = Hub.create("province2");
        province2.start();
        Client.Feed feed = admin(province2).feed("threat");
        Set<String> seen = new HashSet<>();
        long linkStart = System.nanoTime();
        link(province2, "central", central, "vn.hue", "pull", "vn");
        long deadline = linkStart + Duration.ofMinutes(5).toNanos();
        while (seen.size() < ids.size()) {
            if (System.nanoTime() > deadline) {
                fail("province2 received " + seen.size() + " of the 10 000 threats in 5 minutes");
            }
            List<JsonNode> page = feed.next();
            page.stream().map(c -> c.path("id").asText()).filter(ids::contains).forEach(seen::add);
            if (!feed.more()) {
                Hub.sleep(100);
            }
        }
        long syncMillis = (System.nanoTime() - linkStart) / 1_000_000;
        figure(figures, String.format(
                "initial sync: 10 000 threats ingested on central in %d ms (5 NDJSON requests of 2 000); a new hub"
                        + " (province2, vn.hue, empty database) had all of them %d ms after its hub-peer instance"
                        + " (pull) was created: %.0f records/s",
                ingestMillis, syncMillis, 10_000 * 1000.0 / Math.max(1, syncMillis)));
    }

    // ---------------------------------------------------------------- links

    /**
     * Creates a hub-peer instance named {@code name} on {@code at}, linked to {@code peer} with a token the peer trusts
     * (organisation {@code orgAtPeer}, role connector), acting here as {@code actAsOrg}; waits until it runs.
     */
    static JsonNode link(Hub at, String name, Hub peer, String orgAtPeer, String direction, String actAsOrg) {
        String token = Jwts.connector(orgAtPeer, "hub:" + at.id());
        ObjectNode body = Client.JSON.createObjectNode().put("name", name).put("type", "hub-peer");
        ObjectNode config = body.putObject("config").put("url", peer.url()).put("token", token).put("direction",
                direction);
        List.of("threat", "incident", "resource").forEach(config.putArray("kinds")::add);
        config.put("intervalSeconds", INTERVAL_SECONDS);
        body.putObject("actAs").put("org", actAsOrg).put("clearance", "restricted");

        Client.Answer created = admin(at).createConnector(body);
        if (created.status() != 201) {
            fail("connector step: creating hub-peer instance '" + name + "' on " + at + " (linked to " + peer
                    + ") answered HTTP " + created.status() + ": " + Client.abbreviate(created.body())
                    + "\nThese scenarios need the connector runtime with the hub-peer type (POST /api/v1/connectors).");
        }
        assertFalse(created.body().contains(token), "the instance as returned must not contain the token");
        JsonNode instance = created.json();
        assertEquals(name, instance.path("name").asText(), created.body());
        assertEquals("hub-peer", instance.path("type").asText(), created.body());
        assertEquals(actAsOrg, instance.path("actAs").path("org").asText(), created.body());
        awaitState(at, name, "running", Duration.ofSeconds(15));
        return instance;
    }

    static void pause(Hub at, String name) {
        admin(at).connectorAction(name, "pause").expect(200, 202, 204);
        // a poll or delivery under way (a long poll, say) may hold the pause up
        awaitState(at, name, "paused", Duration.ofSeconds(45));
        Hub.sleep(1000);
    }

    static void resume(Hub at, String name) {
        admin(at).connectorAction(name, "resume").expect(200, 202, 204);
        awaitState(at, name, "running", Duration.ofSeconds(15));
    }

    static void awaitState(Hub at, String name, String state, Duration timeout) {
        Client admin = admin(at);
        String[] last = { "" };
        try {
            await("instance " + name + " on " + at + " to be " + state, timeout, () -> {
                Client.Answer a = admin.connector(name).expect(200);
                last[0] = a.body();
                return state.equals(a.json().path("state").asText());
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the instance: " + Client.abbreviate(last[0]), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    static Client admin(Hub hub) {
        return hub.as(Jwts.admin("vn"));
    }

    static String hash(JsonNode record) {
        return record.path("provenance").path("hash").asText();
    }

    static List<String> parents(JsonNode record) {
        List<String> out = new ArrayList<>();
        record.path("provenance").path("parents").forEach(p -> out.add(p.asText()));
        return out;
    }

    static List<String> hashes(List<JsonNode> versions) {
        return versions.stream().map(FederationIT::hash).toList();
    }

    /** Waits until {@code hub} holds the record with head {@code hash} and returns it. */
    static JsonNode arrives(Hub hub, String kind, String id, String hash) {
        return arrives(hub, kind, id, hash, ARRIVAL);
    }

    static JsonNode arrives(Hub hub, String kind, String id, String hash, Duration timeout) {
        Client admin = admin(hub);
        return await(kind + " " + id + " with hash " + hash + " on " + hub, timeout,
                () -> admin.find(kind, id).filter(r -> hash.equals(hash(r))));
    }

    /** The same version on another hub: id, owner, classification, content and provenance (with the hash). */
    static void assertSameVersion(JsonNode expected, JsonNode actual, Hub where) {
        String what = expected.path("kind").asText() + " " + expected.path("id").asText() + " on " + where;
        assertEquals(expected.get("id"), actual.get("id"), what);
        assertEquals(hash(expected), hash(actual), what + ": hash");
        assertEquals(expected.get("owner"), actual.get("owner"), what + ": owner");
        assertEquals(expected.get("classification"), actual.get("classification"), what + ": classification");
        assertEquals(expected.get("provenance"), actual.get("provenance"), what + ": provenance");
        assertEquals(Bodies.content(expected), Bodies.content(actual), what + ": content");
    }

    static void requireEarlier(Object... records) {
        for (Object r : records) {
            assertTrue(r != null, "an earlier scenario did not leave the record this one needs");
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Prints a figure and writes all so far to {@code sync-it/target/sync-figures.txt}. */
    static void figure(List<String> figures, String line) {
        System.out.println("[sync-figures] " + line);
        figures.add(line);
        Path file = Paths.target().resolve("sync-figures.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, figures, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
