package org.lienthong.hub.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Bulk ingest over HTTP: counts, per-item errors, idempotent re-sends, mixed kinds, limits, concurrency. */
@QuarkusTest
class IngestTest {

    static final String ORG = Tokens.freshOrg("ingest");
    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");
    static final String NDJSON = "application/x-ndjson";

    @Inject
    DataSource db;

    @BeforeEach
    void register() {
        Orgs.ensure(ORG);
    }

    static ObjectNode item(String kind, String system, String id) {
        ObjectNode body = Bodies.of(kind);
        body.put("kind", kind);
        body.putObject("sourceRef").put("system", system).put("id", id);
        return body;
    }

    static String ndjson(List<ObjectNode> items) {
        StringBuilder out = new StringBuilder();
        items.forEach(i -> out.append(i.toString()).append('\n'));
        return out.toString();
    }

    static Response send(String contentType, String body) {
        return given().header("Authorization", WRITER).contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/ingest");
    }

    long versionsOf(String system) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c
                .prepareStatement("select count(*) from record_version where source_system = ? and owner = ?")) {
            ps.setString(1, system);
            ps.setString(2, ORG);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void mixedKindsAreCreatedThenUnchangedThenUpdatedOnResend() throws SQLException {
        String system = "sys-" + System.nanoTime();
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            String kind = List.of("threat", "incident", "resource").get(i % 3);
            ObjectNode it = item(kind, system, "r-" + i);
            if (kind.equals("incident")) {
                it.put("title", "Lũ quét số " + i + " – xã Trà Leng, “khẩn cấp”");
            }
            items.add(it);
        }
        send(NDJSON, ndjson(items)).then().statusCode(200).body("created", equalTo(1200)).body("updated", equalTo(0))
                .body("unchanged", equalTo(0)).body("rejected", equalTo(0)).body("results.size()", equalTo(1200))
                .body("results[1199].index", equalTo(1199)).body("results[0].status", equalTo("created"))
                .body("results[0].version", equalTo(1));
        assertEquals(1200, versionsOf(system));
        // the very same batch again: nothing new
        send(NDJSON, ndjson(items)).then().statusCode(200).body("created", equalTo(0)).body("unchanged", equalTo(1200));
        assertEquals(1200, versionsOf(system));
        // change a tenth of them
        for (int i = 0; i < 1200; i += 10) {
            items.get(i).put(i % 3 == 2 ? "available" : "riskLevel", 5);
        }
        send("application/json", Bodies.JSON.valueToTree(items).toString()).then().statusCode(200)
                .body("updated", equalTo(120)).body("unchanged", equalTo(1080)).body("created", equalTo(0));
        assertEquals(1320, versionsOf(system));
        // the stored records are what was sent, Vietnamese included, with import provenance
        String id = send(NDJSON, ndjson(List.of(items.get(1)))).then().statusCode(200).body("unchanged", equalTo(1))
                .extract().path("results[0].id");
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("title", equalTo("Lũ quét số 1 – xã Trà Leng, “khẩn cấp”"))
                .body("provenance.activity", equalTo("import")).body("sourceRef.system", equalTo(system));
    }

    @Test
    void textThatCopyMustEscapeIsStoredAsSentAndItsHashVerifies() {
        // versions reach record_version through COPY's text format: a backslash, tab, newline, carriage return or
        // a literal \\N in a field would be mangled or read as null if any escape were wrong
        String system = "esc-" + System.nanoTime();
        String title = "back\\slash \\N not null \\t not a tab \\\\ two \"quoted\" – Đà Nẵng";
        String description = "tab\there\nnew line\r\nCRLF \\ and \\n";
        ObjectNode it = item("incident", system, "esc\\N");
        it.put("title", title);
        it.put("description", description);
        String id = send(NDJSON, ndjson(List.of(it))).then().statusCode(200).body("created", equalTo(1)).extract()
                .path("results[0].id");
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("title", equalTo(title)).body("description", equalTo(description))
                .body("sourceRef.id", equalTo("esc\\N"));
        given().header("Authorization", Tokens.bearer("vn", "auditor"))
                .get("/api/v1/audit/verify?kind=incident&id=" + id).then().statusCode(200).body("ok", equalTo(true))
                .body("checked", equalTo(1));
    }

    @Test
    void badItemsAreRejectedOneByOneAndTheRestStored() throws SQLException {
        String system = "bad-" + System.nanoTime();
        ObjectNode negative = item("resource", system, "neg");
        negative.put("quantity", -1);
        ObjectNode noRef = Bodies.incident();
        noRef.put("kind", "incident");
        ObjectNode noKind = item("incident", system, "nokind");
        noKind.remove("kind");
        ObjectNode foreignOwner = item("incident", system, "owner");
        foreignOwner.put("owner", "vn.moh");
        String body = item("incident", system, "ok-1") + "\n" + negative + "\n" + "{not json\n" + noRef + "\n\n"
                + noKind + "\n" + foreignOwner + "\n" + item("threat", system, "ok-2") + "\n" + "[1,2]\n";
        send(NDJSON, body).then().statusCode(200).body("created", equalTo(2)).body("rejected", equalTo(6))
                .body("results[0].status", equalTo("created")).body("results[1].errors.field", hasItem("quantity"))
                .body("results[2].status", equalTo("rejected")).body("results[3].errors.field", hasItem("sourceRef"))
                .body("results[4].errors.field", hasItem("kind")).body("results[5].status", equalTo("rejected"))
                .body("results[6].status", equalTo("created")).body("results[7].status", equalTo("rejected"));
        assertEquals(2, versionsOf(system));
    }

    @Test
    void theSameSourceReferenceTwiceInOneBatchIsCreatedThenUpdated() throws SQLException {
        String system = "dup-" + System.nanoTime();
        ObjectNode first = item("incident", system, "same");
        ObjectNode second = item("incident", system, "same");
        second.put("status", "closed");
        send(NDJSON, first + "\n" + second + "\n").then().statusCode(200).body("created", equalTo(1))
                .body("updated", equalTo(1)).body("results[1].version", equalTo(2));
        assertEquals(2, versionsOf(system));
    }

    @Test
    void moreThanTenThousandItemsIs413AndNothingIsStored() throws SQLException {
        String system = "big-" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        String template = item("resource", system, "ID").toString();
        for (int i = 0; i <= 10_000; i++) {
            body.append(template.replace("\"ID\"", "\"" + i + "\"")).append('\n');
        }
        send(NDJSON, body.toString()).then().statusCode(413).contentType("application/problem+json");
        assertEquals(0, versionsOf(system));
        // exactly 10 000 is fine
        int cut = body.lastIndexOf("\n", body.length() - 2) + 1;
        send(NDJSON, body.substring(0, cut)).then().statusCode(200).body("created", equalTo(10_000));
        assertEquals(10_000, versionsOf(system));
    }

    @Test
    void unreadableBodiesAre400AndOtherMediaTypes415() {
        send("application/json", "{\"kind\":\"incident\"}").then().statusCode(400)
                .contentType("application/problem+json");
        send("application/json", "[{\"kind\":\"incident\"},").then().statusCode(400);
        given().header("Authorization", WRITER).contentType(NDJSON).body(new byte[] { '{', (byte) 0xff, '}', '\n' })
                .post("/api/v1/ingest").then().statusCode(400);
        send("text/csv", "a,b").then().statusCode(415);
        given().header("Authorization", Tokens.bearer(ORG, "reader")).contentType(NDJSON).body(new byte[0])
                .post("/api/v1/ingest").then().statusCode(403);
        send(NDJSON, "").then().statusCode(200).body("created", equalTo(0));
    }

    @Test
    void concurrentOverlappingBatchesCreateEachRecordOnce() throws Exception {
        String system = "race-" + System.nanoTime();
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            items.add(item("incident", system, "r-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Response>> sends = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                // each client sends all items, starting at a different place
                List<ObjectNode> rotated = new ArrayList<>(items.subList(client * 150, 600));
                rotated.addAll(items.subList(0, client * 150));
                String body = ndjson(rotated);
                sends.add(CompletableFuture.supplyAsync(() -> send(NDJSON, body), pool));
            }
            int created = 0;
            Set<String> ids = new HashSet<>();
            for (var f : sends) {
                Response r = f.get(120, TimeUnit.SECONDS);
                r.then().statusCode(200).body("rejected", equalTo(0));
                created += r.<Integer> path("created");
                ids.addAll(r.path("results.id"));
            }
            assertEquals(600, created, "each record created by exactly one client");
            assertEquals(600, ids.size(), "everyone got the same ids");
            assertEquals(600, versionsOf(system), "no duplicate versions");
        } finally {
            pool.shutdownNow();
        }
    }
}
