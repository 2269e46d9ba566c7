package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Cursor pagination over many pages, with filters, while records change underneath. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordPaginationTest {

    static final String ORG = Tokens.freshOrg("page");
    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");
    static final int RECORDS = 123;

    final List<String> created = new ArrayList<>();

    // @BeforeEach, not @BeforeAll: REST Assured is pointed at the test port only once a test runs
    @BeforeEach
    void createRecordsOnce() {
        if (!created.isEmpty()) {
            return;
        }
        Orgs.ensure(ORG);
        for (int i = 0; i < RECORDS; i++) {
            ObjectNode body = Bodies.incident();
            body.put("title", "Sự cố " + i);
            body.put("status", i % 3 == 0 ? "closed" : "responding");
            body.put("hazardCode", i % 2 == 0 ? "MH0600" : "GH0101");
            body.put("domain", i % 2 == 0 ? "water" : "geology");
            ((ObjectNode) body.get("location")).putArray("adminCodes").add(i % 5 == 0 ? "49.206" : "48");
            created.add(given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                    .post("/api/v1/incidents").then().statusCode(201).extract().path("id"));
        }
    }

    List<String> walk(int limit, String... filters) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", WRITER).queryParam("owner", ORG).queryParam("limit", limit);
            for (int i = 0; i < filters.length; i += 2) {
                request.queryParam(filters[i], filters[i + 1]);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/incidents");
            page.then().statusCode(200);
            List<String> ids = page.path("items.id");
            assertTrue(ids.size() <= limit);
            seen.addAll(ids);
            cursor = page.path("next");
            assertTrue(++pages <= RECORDS + 1, "pagination does not end");
        } while (cursor != null);
        return seen;
    }

    @Test
    void everyRecordExactlyOnceInCreationOrder() {
        for (int limit : new int[] { 1, 7, 50, 123, 1000 }) {
            List<String> seen = walk(limit);
            assertEquals(created, seen, "limit " + limit);
        }
    }

    @Test
    void filtersApplyAcrossPages() {
        List<String> closed = walk(10, "status", "closed");
        assertEquals(41, closed.size());
        assertEquals(new HashSet<>(closed).size(), closed.size());
        List<String> water = walk(9, "hazardCode", "MH0600", "domain", "water");
        assertEquals(62, water.size());
        List<String> commune = walk(4, "adminCode", "49.206");
        assertEquals(25, commune.size());
        assertEquals(0, walk(10, "domain", "cyber").size());
        assertEquals(0, walk(10, "classification", "secret").size());
        assertEquals(RECORDS, walk(100, "updatedSince", "2000-01-01T00:00:00Z").size());
        assertEquals(0, walk(100, "updatedSince", "2999-01-01T00:00:00+07:00").size());
    }

    /** Ids of the threats of {@code org} a filter lists (one page is enough here). */
    static List<String> threats(String org, String filter, String value) {
        return given().header("Authorization", Tokens.bearer(org, "reader")).queryParam("owner", org)
                .queryParam(filter, value).get("/api/v1/threats").then().statusCode(200).extract().path("items.id");
    }

    @Test
    void filtersMatchTheCurrentVersionAfterEveryKindOfWrite() {
        // the four ways a head is written: create and update by id, and ingest creating and updating in batches
        String org = Tokens.freshOrg("terms");
        Orgs.ensure(org);
        String writer = Tokens.bearer(org, "reader", "writer");
        ObjectNode byId = Bodies.threat();
        String id = given().header("Authorization", writer).contentType(ContentType.JSON).body(byId.toString())
                .post("/api/v1/threats").then().statusCode(201).extract().path("id");
        String system = "terms-" + System.nanoTime();
        ObjectNode ingested = Bodies.threat();
        ingested.put("kind", "threat");
        ingested.putObject("sourceRef").put("system", system).put("id", "one");
        String ingestedId = given().header("Authorization", writer).contentType("application/x-ndjson")
                .body((ingested + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/ingest").then()
                .statusCode(200).body("created", equalTo(1)).extract().path("results[0].id");
        // areas[].adminCodes count as much as location.adminCodes
        assertEquals(Set.of(id, ingestedId), Set.copyOf(threats(org, "adminCode", "66")));
        assertEquals(Set.of(id, ingestedId), Set.copyOf(threats(org, "status", "warning")));

        byId.put("status", "monitoring").put("hazardCode", "MH0600").put("domain", "water");
        ((ObjectNode) byId.get("areas").get(0)).putArray("adminCodes").add("49");
        given().header("Authorization", writer).header("If-Match", "*").contentType(ContentType.JSON)
                .body(byId.toString()).put("/api/v1/threats/" + id).then().statusCode(200);
        ingested.put("status", "monitoring");
        ((ObjectNode) ingested.get("areas").get(0)).putArray("adminCodes").add("49.206");
        given().header("Authorization", writer).contentType("application/x-ndjson")
                .body((ingested + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/ingest").then()
                .statusCode(200).body("updated", equalTo(1));

        assertEquals(List.of(), threats(org, "status", "warning"));
        assertEquals(List.of(), threats(org, "adminCode", "66"));
        assertEquals(Set.of(id, ingestedId), Set.copyOf(threats(org, "status", "monitoring")));
        assertEquals(List.of(id), threats(org, "adminCode", "49"));
        assertEquals(List.of(ingestedId), threats(org, "adminCode", "49.206"));
        assertEquals(List.of(id), threats(org, "hazardCode", "MH0600"));
        assertEquals(List.of(ingestedId), threats(org, "hazardCode", "MH0309"));
        assertEquals(List.of(id), threats(org, "domain", "water"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // it deletes a record the other tests count
    void recordsChangedOrDeletedWhilePagingAreNotDuplicatedAndTheRestAreNotSkipped() {
        List<String> seen = new ArrayList<>();
        Set<String> deleted = new HashSet<>();
        Response page = given().header("Authorization", WRITER).queryParam("owner", ORG).queryParam("limit", 20)
                .get("/api/v1/incidents");
        seen.addAll(page.path("items.id"));
        // update an already-seen record and delete an unseen one between pages
        String seenId = seen.get(0);
        ObjectNode change = Bodies.incident();
        change.put("title", "Đã cập nhật");
        given().header("Authorization", WRITER).header("If-Match", "*").contentType(ContentType.JSON)
                .body(change.toString()).put("/api/v1/incidents/" + seenId).then().statusCode(200);
        String unseen = created.get(RECORDS - 1);
        String etag = given().header("Authorization", WRITER).get("/api/v1/incidents/" + unseen).header("ETag");
        given().header("Authorization", WRITER).header("If-Match", etag).delete("/api/v1/incidents/" + unseen).then()
                .statusCode(204);
        deleted.add(unseen);
        String cursor = page.path("next");
        while (cursor != null) {
            page = given().header("Authorization", WRITER).queryParam("owner", ORG).queryParam("limit", 20)
                    .queryParam("cursor", cursor).get("/api/v1/incidents");
            seen.addAll(page.path("items.id"));
            cursor = page.path("next");
        }
        List<String> expected = new ArrayList<>(created);
        expected.removeAll(deleted);
        assertEquals(expected, seen);
        created.removeAll(deleted);
    }

    @Test
    void lastPageHasNullNextAndItemsAreFullRecords() {
        given().header("Authorization", WRITER).queryParam("owner", ORG).queryParam("limit", 1000)
                .get("/api/v1/incidents").then().statusCode(200).body("next", nullValue())
                .body("items.kind", everyItem(equalTo("incident"))).body("items.owner", everyItem(equalTo(ORG)))
                .body("items[0].provenance.hash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        given().header("Authorization", WRITER).queryParam("owner", "vn.nobody").get("/api/v1/incidents").then()
                .statusCode(200).body("items", hasSize(0)).body("next", nullValue());
    }
}
