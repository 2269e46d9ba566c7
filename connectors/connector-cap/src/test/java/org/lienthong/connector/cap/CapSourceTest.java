package org.lienthong.connector.cap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.cap.Fixtures.alert;
import static org.lienthong.connector.cap.Fixtures.map;
import static org.lienthong.connector.cap.Fixtures.refused;
import static org.lienthong.connector.cap.Fixtures.sample;
import static org.lienthong.connector.cap.Fixtures.threats;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lienthong.connector.cap.FakeServer.Response;
import org.lienthong.connector.testkit.TestContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.connector.SourceItem;

/** Polling alerts, feeds and EDXL-DE documents over HTTP and from files; chains of updates; failures. */
class CapSourceTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private FakeServer server;
    private final TestContext context = Fixtures.context();

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** An Atom index with one entry per link, each updated at {@code 2026-11-21T10:0n:00Z}. */
    static String atom(String... links) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < links.length; i++) {
            entries.append("""
                    <entry>
                      <id>urn:x:%d</id><title>Alert %d</title><updated>2026-11-21T10:0%d:00Z</updated>
                      <link rel="alternate" type="text/html" href="/elsewhere.html"/>
                      <link type="application/cap+xml" href="%s"/>
                    </entry>
                    """.formatted(i, i, i, links[i]));
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <id>urn:x:feed</id><title>Cảnh báo</title><updated>2026-11-21T10:00:00Z</updated>
                %s</feed>
                """.formatted(entries);
    }

    private SourceConnector open(String url) throws ConnectorException {
        return Fixtures.source(url, context);
    }

    private static String sourceId(Map<String, Object> threat) {
        return (String) map(threat.get("sourceRef")).get("id");
    }

    private static String text(SourceBatch batch) {
        StringBuilder all = new StringBuilder(batch.checkpoint());
        for (SourceItem item : batch.items()) {
            all.append(item);
        }
        return all.toString();
    }

    // ------------------------------------------------------------------ feeds

    @Test
    void atomIndexWithRelativeLinksOverHttp() throws Exception {
        server.put("/feeds/index.atom", atom("../alerts/a1.xml", "a2.xml", "/alerts/sample01.xml"))
                .put("/alerts/a1.xml", alert("A-1", "2026-11-21T17:00:00+07:00", "Alert", null, "Bão số 9", true))
                .put("/feeds/a2.xml", alert("A-2", "2026-11-21T17:05:00+07:00", "Alert", null, "Lũ quét", true))
                .put("/alerts/sample01.xml", Response.bytes(sample("01_cap12_oasis-example2_severe-thunderstorm.xml")));
        try (SourceConnector source = open(server.url() + "/feeds/index.atom")) {
            SourceBatch batch = source.poll(null, LIMIT);

            assertFalse(batch.more());
            assertEquals(3, batch.items().size());
            List<SourceItem.Upsert> upserts = batch.items().stream().map(SourceItem.Upsert.class::cast).toList();
            // oldest sent first: the 2003 sample, then A-1, then A-2
            assertEquals(
                    List.of(server.url() + "/alerts/sample01.xml", server.url() + "/alerts/a1.xml",
                            server.url() + "/feeds/a2.xml"),
                    upserts.stream().map(SourceItem.Upsert::description).toList());
            assertTrue(upserts.stream().allMatch(u -> u.kind().equals("threat")));
            List<Map<String, Object>> threats = threats(batch.items());
            assertEquals(List.of("KSTO1055887203", "A-1", "A-2"), threats.stream().map(t -> sourceId(t)).toList());
            for (Map<String, Object> t : threats) {
                assertEquals(List.of(), ThreatRules.problems(t));
            }
            assertEquals("Bão số 9", threats.get(1).get("title"));
            assertEquals(0, server.count("/elsewhere.html"), "the application/cap+xml link is followed");

            // again: nothing new, and the alerts are not fetched again
            SourceBatch again = source.poll(batch.checkpoint(), LIMIT);
            assertEquals(List.of(), again.items());
            assertEquals(1, server.count("/alerts/a1.xml"));
            assertEquals(2, server.count("/feeds/index.atom"));
            assertEquals(Duration.ofSeconds(300), source.interval());
        }
    }

    @Test
    void rssIndexFollowsEnclosuresAndLinks() throws Exception {
        server.put("/rss.xml", """
                <rss version="2.0"><channel><title>Alerts</title>
                  <item><title>one</title><link>/page.html</link>
                    <enclosure url="alerts/r1.cap" type="application/cap+xml" length="1"/>
                    <pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate></item>
                  <item><title>two</title><link>alerts/r2.cap</link><guid>r2</guid></item>
                </channel></rss>""")
                .put("/alerts/r1.cap", alert("R-1", "2026-11-21T17:00:00+07:00", "Alert", null, "Một", true))
                .put("/alerts/r2.cap", alert("R-2", "2026-11-21T17:01:00+07:00", "Alert", null, "Hai", true));
        try (SourceConnector source = open(server.url() + "/rss.xml")) {
            SourceBatch batch = source.poll(null, LIMIT);
            assertEquals(List.of("R-1", "R-2"), threats(batch.items()).stream().map(t -> sourceId(t)).toList());
            assertEquals(0, server.count("/page.html"));
        }
    }

    @Test
    void atomEntriesMayCarryTheirAlert() throws Exception {
        String embedded = alert("E-1", "2026-11-21T17:00:00+07:00", "Alert", null, "Nhúng", true)
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
        server.put("/feed.atom",
                """
                        <feed xmlns="http://www.w3.org/2005/Atom"><id>f</id><title>t</title><updated>2026-11-21T10:00:00Z</updated>
                          <entry><id>e</id><title>t</title><updated>2026-11-21T10:00:00Z</updated>
                            <content type="application/cap+xml">%s</content></entry>
                        </feed>"""
                        .formatted(embedded));
        try (SourceConnector source = open(server.url() + "/feed.atom")) {
            SourceBatch batch = source.poll(null, LIMIT);
            assertEquals(List.of("E-1"), threats(batch.items()).stream().map(t -> sourceId(t)).toList());
            assertEquals(List.of(), source.poll(batch.checkpoint(), LIMIT).items());
        }
    }

    @Test
    void fileFeedReadsFilesNextToItAndNothingElse(@TempDir Path dir) throws Exception {
        String secret = "SECRET-" + UUID.randomUUID();
        Path outside = Files.writeString(dir.resolve("outside.xml"), "<x>" + secret + "</x>");
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Files.createDirectories(drop.resolve("alerts"));
        Files.writeString(drop.resolve("alerts/f1.xml"),
                alert("F-1", "2026-11-21T17:00:00+07:00", "Alert", null, "Tệp", true));
        Files.write(drop.resolve("sample02.xml"), sample("02_cap12_oasis-example3_earthquake-update.xml"));
        Files.writeString(drop.resolve("index.atom"),
                atom("alerts/f1.xml", "sample02.xml", "../outside.xml", outside.toUri().toString(), "missing.xml"));
        try (SourceConnector source = open(drop.resolve("index.atom").toUri().toString())) {
            SourceBatch batch = source.poll(null, LIMIT);

            assertEquals(List.of("TRI13970876.1", "F-1"),
                    threats(batch.items()).stream().map(t -> sourceId(t)).toList());
            List<SourceItem.Refused> refused = refused(batch.items());
            assertEquals(3, refused.size());
            assertTrue(refused.get(0).reason().contains("outside the feed's own directory"), refused.get(0).reason());
            assertTrue(refused.get(1).reason().contains("outside the feed's own directory"), refused.get(1).reason());
            assertTrue(refused.get(2).reason().startsWith("the feed links to an alert that cannot be read: no file at"),
                    refused.get(2).reason());
            assertFalse(text(batch).contains(secret));

            assertEquals(List.of(), source.poll(batch.checkpoint(), LIMIT).items(), "each refused only once");
        }
    }

    @Test
    void singleAlertAndEdxlDocuments(@TempDir Path dir) throws Exception {
        server.put("/alert.cap", Response.bytes(sample("05_cap12_noaa-wcatwc_tsunami-warning.cap")));
        try (SourceConnector source = open(server.url() + "/alert.cap")) {
            SourceBatch batch = source.poll(null, LIMIT);
            List<Map<String, Object>> threats = threats(batch.items());
            assertEquals(1, threats.size());
            assertEquals("MH0705", threats.get(0).get("hazardCode"));
            assertEquals(server.url() + "/alert.cap", ((SourceItem.Upsert) batch.items().get(0)).description());
            assertEquals(List.of(), source.poll(batch.checkpoint(), LIMIT).items());
        }
        Path edxl = Files.write(dir.resolve("bushfires.edxlde"),
                sample("10_edxl-de1.0_nsw-rfs_bushfire_with-cap.edxlde"));
        try (SourceConnector source = open(edxl.toUri().toString())) {
            SourceBatch batch = source.poll(null, LIMIT);
            assertEquals(7, threats(batch.items()).size());
            assertTrue(((SourceItem.Upsert) batch.items().get(0)).description().endsWith("(alert 7 of 7)"),
                    "oldest first");
            assertEquals(List.of(), source.poll(batch.checkpoint(), LIMIT).items());
        }
    }

    // ------------------------------------------------------------------ references chains

    static final String A = "nchmf.gov.vn,CH-A,2026-11-21T08:00:00+07:00";
    static final String U1 = "nchmf.gov.vn,CH-U1,2026-11-21T09:00:00+07:00";
    static final String U2 = "nchmf.gov.vn,CH-U2,2026-11-21T10:00:00+07:00";

    private void chain(String... paths) {
        server.put("/feed.atom", atom(paths));
        server.put("/a.xml", alert("CH-A", "2026-11-21T08:00:00+07:00", "Alert", null, "Bão số 9 (1)", true));
        server.put("/u1.xml", alert("CH-U1", "2026-11-21T09:00:00+07:00", "Update", A, "Bão số 9 (2)", true));
        // references only the previous update
        server.put("/u2.xml", alert("CH-U2", "2026-11-21T10:00:00+07:00", "Update", U1, "Bão số 9 (3)", true));
        server.put("/c.xml", alert("CH-C", "2026-11-21T11:00:00+07:00", "Cancel", U2, "Bão số 9 đã tan", true));
    }

    @Test
    void updatesAndCancelAcrossPollsAreVersionsOfOneThreat() throws Exception {
        try (SourceConnector source = open(server.url() + "/feed.atom")) {
            chain("/a.xml");
            SourceBatch first = source.poll(null, LIMIT);
            chain("/a.xml", "/u1.xml");
            SourceBatch second = source.poll(first.checkpoint(), LIMIT);
            chain("/c.xml", "/u2.xml", "/u1.xml", "/a.xml"); // newest first, as feeds list them
            SourceBatch third = source.poll(second.checkpoint(), LIMIT);

            assertEquals(1, first.items().size());
            assertEquals(1, second.items().size(), "the Alert is not emitted again");
            assertEquals(2, third.items().size());
            List<Map<String, Object>> all = new java.util.ArrayList<>();
            for (SourceBatch b : List.of(first, second, third)) {
                all.addAll(threats(b.items()));
            }
            assertEquals(List.of("CH-A", "CH-U1", "CH-U2", "CH-C"),
                    all.stream().map(t -> (String) map(t.get("alert")).get("identifier")).toList());
            for (Map<String, Object> t : all) {
                assertEquals(Map.of("system", "cap:nchmf.gov.vn", "id", "CH-A"), t.get("sourceRef"));
                assertEquals(List.of(), ThreatRules.problems(t));
            }
            assertEquals(List.of("warning", "warning", "warning", "ended"),
                    all.stream().map(t -> t.get("status")).toList());
            assertEquals(List.of(U2), map(all.get(3).get("alert")).get("references"));

            assertEquals(List.of(), source.poll(third.checkpoint(), LIMIT).items());
        }
    }

    @Test
    void aWholeChainInOneFeedIsImportedOldestFirst() throws Exception {
        chain("/c.xml", "/u2.xml", "/u1.xml", "/a.xml");
        try (SourceConnector source = open(server.url() + "/feed.atom")) {
            SourceBatch batch = source.poll(null, LIMIT);
            List<Map<String, Object>> threats = threats(batch.items());
            assertEquals(List.of("CH-A", "CH-U1", "CH-U2", "CH-C"),
                    threats.stream().map(t -> (String) map(t.get("alert")).get("identifier")).toList());
            assertTrue(threats.stream().allMatch(t -> sourceId(t).equals("CH-A")));
            assertEquals(List.of(), source.poll(batch.checkpoint(), LIMIT).items());
        }
    }

    @Test
    void anUpdateOfAnUnseenAlertUsesTheEarliestReferenceAndAnOlderAlertNeverOverwritesIt() throws Exception {
        chain("/u2.xml");
        try (SourceConnector source = open(server.url() + "/feed.atom")) {
            SourceBatch first = source.poll(null, LIMIT);
            assertEquals(List.of("CH-U1"), threats(first.items()).stream().map(t -> sourceId(t)).toList(),
                    "U2 names only U1");

            // U1 arrives late: it is older than U2, which is already the threat's content
            chain("/u2.xml", "/u1.xml");
            SourceBatch second = source.poll(first.checkpoint(), LIMIT);
            assertEquals(List.of(), second.items());

            // the Cancel names U2, whose root is U1
            chain("/c.xml", "/u2.xml", "/u1.xml");
            SourceBatch third = source.poll(second.checkpoint(), LIMIT);
            assertEquals(List.of("CH-U1"), threats(third.items()).stream().map(t -> sourceId(t)).toList());
            assertEquals("ended", threats(third.items()).get(0).get("status"));
        }
    }

    @Test
    void aCancelWithoutInfoIsRefusedOnceAndTestMessagesAreSkipped() throws Exception {
        server.put("/feed.atom", atom("/a.xml", "/c.xml", "/t.xml"));
        server.put("/a.xml", alert("CH-A", "2026-11-21T08:00:00+07:00", "Alert", null, "Bão", true));
        server.put("/c.xml", alert("CH-C", "2026-11-21T11:00:00+07:00", "Cancel", A, "unused", false));
        server.put("/t.xml", alert("T-1", "2026-11-21T11:00:00+07:00", "Alert", null, "Thử nghiệm", true)
                .replace("<status>Actual</status>", "<status>Test</status>"));
        try (SourceConnector source = open(server.url() + "/feed.atom")) {
            SourceBatch batch = source.poll(null, LIMIT);
            assertEquals(1, threats(batch.items()).size());
            List<SourceItem.Refused> refused = refused(batch.items());
            assertEquals(1, refused.size());
            assertEquals(server.url() + "/c.xml", refused.get(0).description());
            assertTrue(refused.get(0).reason().startsWith("the Cancel has no <info> block"));
            assertTrue(refused.get(0).payload().contains("<identifier>CH-C</identifier>"));
            assertEquals(List.of(), source.poll(batch.checkpoint(), LIMIT).items());
        }
    }

    @Test
    void anExerciseBecomesADrillAndSystemMessagesAndDraftsAreSkipped() throws Exception {
        server.put("/feed.atom", atom("/x.xml", "/s.xml", "/d.xml"));
        server.put("/x.xml", alert("X-1", "2026-11-21T08:00:00+07:00", "Alert", null, "Diễn tập bão", true)
                .replace("<status>Actual</status>", "<status>Exercise</status>"));
        server.put("/s.xml", alert("S-1", "2026-11-21T09:00:00+07:00", "Alert", null, "Hệ thống", true)
                .replace("<status>Actual</status>", "<status>System</status>"));
        server.put("/d.xml", alert("D-1", "2026-11-21T10:00:00+07:00", "Alert", null, "Bản nháp", true)
                .replace("<status>Actual</status>", "<status>Draft</status>"));
        try (SourceConnector source = open(server.url() + "/feed.atom")) {
            SourceBatch batch = source.poll(null, LIMIT);
            List<Map<String, Object>> threats = threats(batch.items());
            assertEquals(1, threats.size());
            assertEquals("Diễn tập bão", threats.get(0).get("title"));
            assertEquals(true, threats.get(0).get("exercise"));
            assertEquals(List.of(), refused(batch.items()));
        }
    }

    // ------------------------------------------------------------------ hostile and malformed documents

    @Test
    void aMalformedAlertInAFeedIsRefusedAndTheRestImports() throws Exception {
        server.put("/feed.atom", atom("/a1.xml", "/broken.xml", "/a2.xml"))
                .put("/a1.xml", alert("M-1", "2026-11-21T08:00:00+07:00", "Alert", null, "Một", true))
                .put("/broken.xml", "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>M-2</alert>")
                .put("/a2.xml", alert("M-3", "2026-11-21T09:00:00+07:00", "Alert", null, "Ba", true));
        try (SourceConnector source = open(server.url() + "/feed.atom")) {
            SourceBatch batch = source.poll(null, LIMIT);
            assertEquals(List.of("M-1", "M-3"), threats(batch.items()).stream().map(t -> sourceId(t)).toList());
            List<SourceItem.Refused> refused = refused(batch.items());
            assertEquals(1, refused.size());
            assertEquals(server.url() + "/broken.xml", refused.get(0).description());
            assertTrue(refused.get(0).reason().startsWith("not well-formed XML (line 1"), refused.get(0).reason());
            assertTrue(refused.get(0).payload().startsWith("<alert xmlns"));
            assertEquals(List.of(), source.poll(batch.checkpoint(), LIMIT).items());
        }
    }

    @Test
    void xxeInAFeedIsRefusedAndTheSecretAppearsNowhere(@TempDir Path dir) throws Exception {
        String secret = "SECRET-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("secret.txt"), secret);
        server.put("/feed.atom", atom("/xxe.xml", "/ok.xml")).put("/xxe.xml", CapParserTest.xxe(file)).put("/ok.xml",
                alert("OK-1", "2026-11-21T08:00:00+07:00", "Alert", null, "Ổn", true));
        try (SourceConnector source = open(server.url() + "/feed.atom")) {
            SourceBatch batch = source.poll(null, LIMIT);
            assertEquals(1, threats(batch.items()).size());
            SourceItem.Refused refused = refused(batch.items()).get(0);
            assertEquals(server.url() + "/xxe.xml", refused.description());
            assertTrue(refused.reason().contains("DOCTYPE"));
            assertTrue(refused.payload().contains("<!DOCTYPE"), "the excerpt shows the attempt");
            assertFalse(text(batch).contains(secret));
            assertFalse(String.join("\n", context.logger().lines).contains(secret));
        }
    }

    @Test
    void billionLaughsAtTheConfiguredUrlIsRefusedQuicklyAndOnce() throws Exception {
        server.put("/lol.xml", CapParserTest.BILLION_LAUGHS);
        try (SourceConnector source = open(server.url() + "/lol.xml")) {
            SourceBatch batch = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> source.poll(null, LIMIT));
            assertEquals(1, batch.items().size());
            SourceItem.Refused refused = (SourceItem.Refused) batch.items().get(0);
            assertTrue(refused.reason().contains("DOCTYPE"));
            assertTrue(refused.payload().length() <= CapSource.EXCERPT_BYTES);
            assertEquals(List.of(), source.poll(batch.checkpoint(), LIMIT).items());
        }
    }

    @Test
    void excerptsAreAtMostFourKilobytesOfText() {
        byte[] big = ("<x>" + "ắ".repeat(5000) + "\u0000</x>").getBytes(UTF_8);
        String excerpt = CapSource.excerpt(big);
        assertTrue(excerpt.getBytes(UTF_8).length <= CapSource.EXCERPT_BYTES + 3);
        assertFalse(excerpt.contains("\u0000"));
    }

    // ------------------------------------------------------------------ failures

    @Test
    void failuresOfTheConfiguredUrl() throws Exception {
        server.put("/gone", Response.status(404)).put("/down", Response.status(503))
                .put("/secret", Response.status(401)).put("/html", Response.xml("Hello, this is not XML"))
                .put("/xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>");
        record Case(String path, boolean transientFailure, String message) {
        }
        for (Case c : List.of(new Case("/gone", false, "nothing at"), new Case("/down", true, "HTTP 503"),
                new Case("/secret", false, "refused access (HTTP 401)"), new Case("/html", false, "is not XML"),
                new Case("/xhtml", false, "the root element is {http://www.w3.org/1999/xhtml}html"))) {
            try (SourceConnector source = open(server.url() + c.path())) {
                ConnectorException e = assertThrows(ConnectorException.class, () -> source.poll(null, LIMIT));
                assertEquals(c.transientFailure(), e.transientFailure(), c.path() + ": " + e.getMessage());
                assertTrue(e.getMessage().contains(c.message()), e.getMessage());
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (SourceConnector source = open("http://127.0.0.1:" + port + "/feed.atom")) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> source.poll(null, LIMIT));
            assertTrue(e.transientFailure(), e.getMessage());
        }
        try (SourceConnector source = open("file:///nonexistent/lienthong/feed.atom")) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> source.poll(null, LIMIT));
            assertFalse(e.transientFailure(), e.getMessage());
        }
    }

    @Test
    void aDocumentOverTenMebibytesIsNotRead() throws Exception {
        byte[] big = new byte[Fetcher.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '<';
        server.put("/big.xml", Response.bytes(big));
        try (SourceConnector source = open(server.url() + "/big.xml")) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> source.poll(null, LIMIT));
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().contains("larger than 10 MiB"), e.getMessage());
        }
    }

    @Test
    void anEntryThatFailsForNowIsRetriedAndOneThatIsGoneIsRefused() throws Exception {
        server.put("/feed.atom", atom("/busy.xml", "/gone.xml", "/ok.xml")).put("/busy.xml", Response.status(503))
                .put("/ok.xml", alert("OK-1", "2026-11-21T08:00:00+07:00", "Alert", null, "Ổn", true));
        try (SourceConnector source = open(server.url() + "/feed.atom")) {
            SourceBatch first = source.poll(null, LIMIT);
            assertEquals(1, threats(first.items()).size());
            List<SourceItem.Refused> refused = refused(first.items());
            assertEquals(1, refused.size());
            assertTrue(refused.get(0).reason().contains("HTTP 404"), refused.get(0).reason());

            server.put("/busy.xml", alert("B-1", "2026-11-21T09:00:00+07:00", "Alert", null, "Bận", true));
            SourceBatch second = source.poll(first.checkpoint(), LIMIT);
            assertEquals(List.of("B-1"), threats(second.items()).stream().map(t -> sourceId(t)).toList());
            assertEquals(2, server.count("/busy.xml"));
            assertEquals(1, server.count("/gone.xml"));
        }
    }

    @Test
    void whenTimeRunsOutTheBatchSaysThereIsMore() throws Exception {
        server.put("/feed.atom", atom("/fast.xml", "/slow.xml", "/later.xml"))
                .put("/fast.xml", alert("T-1", "2026-11-21T08:00:00+07:00", "Alert", null, "Một", true))
                .put("/slow.xml",
                        Response.xml(alert("T-2", "2026-11-21T09:00:00+07:00", "Alert", null, "Hai", true))
                                .delayed(10_000))
                .put("/later.xml", alert("T-3", "2026-11-21T10:00:00+07:00", "Alert", null, "Ba", true));
        try (SourceConnector source = open(server.url() + "/feed.atom")) {
            SourceBatch first = source.poll(null, Duration.ofSeconds(3));
            assertTrue(first.more());
            assertEquals(List.of("T-1"), threats(first.items()).stream().map(t -> sourceId(t)).toList());

            server.put("/slow.xml", alert("T-2", "2026-11-21T09:00:00+07:00", "Alert", null, "Hai", true));
            SourceBatch second = source.poll(first.checkpoint(), LIMIT);
            assertFalse(second.more());
            assertEquals(List.of("T-2", "T-3"), threats(second.items()).stream().map(t -> sourceId(t)).toList());
        }
    }

    @Test
    void anUnreadableCheckpointStartsAfresh() throws Exception {
        server.put("/a.xml", alert("A-1", "2026-11-21T08:00:00+07:00", "Alert", null, "Một", true));
        try (SourceConnector source = open(server.url() + "/a.xml")) {
            SourceBatch batch = source.poll("{\"v\":99}", LIMIT);
            assertEquals(1, batch.items().size());
            assertTrue(context.logger().lines.stream().anyMatch(l -> l.contains("starting afresh")));
        }
    }
}
