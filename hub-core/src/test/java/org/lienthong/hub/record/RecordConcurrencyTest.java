package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Real parallel HTTP writers against the real database: one winner per version, nothing lost or doubled. */
@QuarkusTest
class RecordConcurrencyTest {

    static final String ORG = Tokens.freshOrg("conc");

    @org.junit.jupiter.api.BeforeEach
    void registerOrganisation() {
        org.lienthong.hub.testing.Orgs.ensure(ORG);
    }

    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");
    static final int WRITERS = 16;

    /** Runs every task at once (released together by a barrier) and returns their results. */
    static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CyclicBarrier start = new CyclicBarrier(tasks.size());
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writersWithTheSameIfMatchHaveExactlyOneWinner() throws Exception {
        String id = given().header("Authorization", WRITER).contentType(ContentType.JSON)
                .body(Bodies.incident().toString()).post("/api/v1/incidents").then().statusCode(201).extract()
                .path("id");
        for (int round = 1; round <= 5; round++) {
            String etag = "\"" + round + "\"";
            List<Callable<Response>> tasks = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                ObjectNode body = Bodies.incident();
                body.put("description", "writer " + w + " round " + round);
                tasks.add(() -> given().header("Authorization", WRITER).header("If-Match", etag)
                        .contentType(ContentType.JSON).body(body.toString()).put("/api/v1/incidents/" + id));
            }
            List<Response> results = race(tasks);
            List<Response> winners = results.stream().filter(r -> r.statusCode() == 200).toList();
            long refused = results.stream().filter(r -> r.statusCode() == 412).count();
            assertEquals(1, winners.size(), "round " + round + ": winners");
            assertEquals(WRITERS - 1, refused, "round " + round + ": everyone else gets 412, got "
                    + results.stream().map(r -> r.statusCode() + " " + r.asString()).toList());
            assertEquals("\"" + (round + 1) + "\"", winners.get(0).header("ETag"));
            // the stored version is exactly the winner's
            given().header("Authorization", WRITER).get("/api/v1/incidents/" + id).then()
                    .header("ETag", "\"" + (round + 1) + "\"")
                    .body("description", org.hamcrest.Matchers.equalTo(winners.get(0).path("description")));
        }
        Response history = given().header("Authorization", WRITER).get("/api/v1/incidents/" + id + "/versions");
        history.then().body("items", hasSize(6));
        // one unbroken chain: each version's parent is the previous version's hash
        List<String> hashes = history.path("items.provenance.hash");
        List<List<String>> parents = history.path("items.provenance.parents");
        for (int i = 1; i < hashes.size(); i++) {
            assertEquals(List.of(hashes.get(i - 1)), parents.get(i), "parent of version " + (i + 1));
        }
    }

    @Test
    void parallelCreatesAreAllKeptOnce() throws Exception {
        int perWriter = 10;
        Map<String, Boolean> ids = new ConcurrentHashMap<>();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            tasks.add(() -> {
                int ok = 0;
                for (int i = 0; i < perWriter; i++) {
                    ObjectNode body = Bodies.resource();
                    body.put("name", "writer " + writer + " item " + i);
                    Response r = given().header("Authorization", WRITER).contentType(ContentType.JSON)
                            .body(body.toString()).post("/api/v1/resources");
                    if (r.statusCode() == 201 && ids.put(r.path("id"), Boolean.TRUE) == null) {
                        ok++;
                    }
                }
                return ok;
            });
        }
        int created = race(tasks).stream().mapToInt(Integer::intValue).sum();
        assertEquals(WRITERS * perWriter, created);
        Set<String> listed = new HashSet<>();
        Set<String> names = new HashSet<>();
        Response page = given().header("Authorization", WRITER).queryParam("owner", ORG).queryParam("limit", 1000)
                .get("/api/v1/resources");
        listed.addAll(page.path("items.id"));
        names.addAll(page.path("items.name"));
        assertEquals(ids.keySet(), listed);
        assertEquals(WRITERS * perWriter, names.size());
    }

    @Test
    void parallelUpsertsOfOneSourceReferenceMakeOneRecord() throws Exception {
        String path = "/api/v1/threats/by-source/nchmf/race-" + System.nanoTime();
        List<Callable<Response>> tasks = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            tasks.add(() -> given().header("Authorization", WRITER).contentType(ContentType.JSON)
                    .body(Bodies.threat().toString()).put(path));
        }
        List<Response> results = race(tasks);
        assertEquals(1, results.stream().filter(r -> r.statusCode() == 201).count(), "exactly one creation");
        assertEquals(WRITERS - 1, results.stream().filter(r -> r.statusCode() == 200).count(), "the rest unchanged");
        Set<String> ids = new HashSet<>();
        results.forEach(r -> ids.add(r.path("id")));
        assertEquals(1, ids.size(), "every writer got the same record");
        given().header("Authorization", WRITER).get("/api/v1/threats/" + ids.iterator().next() + "/versions").then()
                .body("items", hasSize(1));
    }

    @Test
    void parallelDifferentUpsertsOfOneSourceReferenceAreAllVersionsOfOneRecord() throws Exception {
        String path = "/api/v1/incidents/by-source/qn/race-" + System.nanoTime();
        List<Callable<Response>> tasks = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            ObjectNode body = Bodies.incident();
            body.put("description", "report " + w);
            tasks.add(() -> given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                    .put(path));
        }
        List<Response> results = race(tasks);
        assertEquals(1, results.stream().filter(r -> r.statusCode() == 201).count());
        assertEquals(WRITERS - 1, results.stream().filter(r -> r.statusCode() == 200).count());
        Set<String> versions = new HashSet<>();
        results.forEach(r -> versions.add(r.header("ETag")));
        assertEquals(WRITERS, versions.size(), "each write became its own version");
        String id = results.get(0).path("id");
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id + "/versions").then().body("items",
                hasSize(WRITERS));
    }
}
