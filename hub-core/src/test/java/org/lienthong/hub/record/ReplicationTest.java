package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Receiving versions recorded by other hubs: identity kept, idempotent, fast-forward, deterministic conflicts. */
@QuarkusTest
class ReplicationTest {

    static final String CONNECTOR = Tokens.bearer("vn", "connector");
    static final String ADMIN = Tokens.bearer("vn", "admin", "auditor", "reader");

    /** A version as another hub would have recorded it. */
    static VersionRow version(UUID id, String owner, String authorOrg, ObjectNode content, Instant at,
            List<String> parents) {
        VersionRow v = new VersionRow(id, "threat", 0, owner, "public", null, null, false,
                (ObjectNode) RecordJson.parse(new java.io.ByteArrayInputStream(
                        content.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                parents.isEmpty() ? "create" : "update", authorOrg, "user@" + authorOrg, null, at, "hub-central", null,
                "", parents);
        return v.withHash(VersionHash.of(v));
    }

    static String json(VersionRow v) {
        return new String(RecordJson.bytes(new RecordStore.Stored(v, v.recordedAt())),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    static Response send(String body) {
        return given().header("Authorization", CONNECTOR).contentType(ContentType.JSON).body(body)
                .post("/api/v1/replicas?from=hub-central");
    }

    static ObjectNode content(String status) {
        ObjectNode t = Bodies.threat();
        t.put("status", status);
        return t;
    }

    @Test
    void aVersionKeepsItsIdentityArrivesOnceAndFastForwards() {
        UUID id = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-20T01:00:00.123Z");
        VersionRow v1 = version(id, "vn", "vn", content("warning"), t0, List.of());
        send(json(v1)).then().statusCode(200).body("outcome", equalTo("applied")).body("version", equalTo(1));
        given().header("Authorization", ADMIN).get("/api/v1/threats/" + id).then().statusCode(200)
                .body("provenance.hash", equalTo(v1.hash())).body("provenance.originHub", equalTo("hub-central"))
                .body("provenance.author.subject", equalTo("user@vn")).body("status", equalTo("warning"));
        // the same version again, and again: nothing new
        send(json(v1)).then().statusCode(200).body("outcome", equalTo("present"));
        send(json(v1)).then().statusCode(200).body("outcome", equalTo("present"));
        VersionRow v2 = version(id, "vn", "vn", content("active"), t0.plusSeconds(60), List.of(v1.hash()));
        send(json(v2)).then().statusCode(200).body("outcome", equalTo("applied")).body("version", equalTo(2));
        given().header("Authorization", ADMIN).get("/api/v1/threats/" + id + "/versions").then()
                .body("items", hasSize(2)).body("items[1].provenance.parents", equalTo(List.of(v1.hash())));
    }

    @Test
    void aBatchIsAnsweredItemByItemAndASenderPassesOnOnlyWhatItMaySee() {
        UUID a = UUID.randomUUID();
        UUID hidden = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-20T02:00:00.5Z");
        VersionRow v1 = version(a, "vn", "vn", content("warning"), t0, List.of());
        VersionRow v2 = version(a, "vn", "vn", content("active"), t0.plusSeconds(1), List.of(v1.hash()));
        String tampered = json(version(UUID.randomUUID(), "vn", "vn", content("warning"), t0, List.of()))
                .replace("\"warning\"", "\"ended\"");
        // a restricted record of the ministry of health, offered by a province's connector
        VersionRow secretish = new VersionRow(hidden, "threat", 0, "vn.moh", "restricted", null, null, false,
                v1.content(), "create", "vn.moh", "user@vn.moh", null, t0, "hub-moh", null, "", List.of());
        secretish = secretish.withHash(VersionHash.of(secretish));
        String body = "[" + json(v1) + "," + json(v2) + "," + tampered + "," + json(v1) + "," + json(secretish) + "]";
        given().header("Authorization", Tokens.bearer("vn.dn", "connector")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/replicas?from=hub-dn").then().statusCode(200)
                .body("results.index", equalTo(List.of(0, 1, 2, 3, 4))).body("results[0].outcome", equalTo("applied"))
                .body("results[1].outcome", equalTo("applied")).body("results[1].version", equalTo(2))
                .body("results[2].status", equalTo(400)).body("results[2].errors[0].field", equalTo("provenance.hash"))
                .body("results[3].outcome", equalTo("present")).body("results[4].status", equalTo(403));
        given().header("Authorization", ADMIN).get("/api/v1/threats/" + hidden).then().statusCode(404);
        // sent alone, the refusal is a 403 problem
        given().header("Authorization", Tokens.bearer("vn.dn", "connector")).contentType(ContentType.JSON)
                .body(json(secretish)).post("/api/v1/replicas?from=hub-dn").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void alteredVersionsAndOtherRolesAreRefused() {
        UUID id = UUID.randomUUID();
        VersionRow v1 = version(id, "vn", "vn", content("warning"), Instant.parse("2026-11-20T01:00:00Z"), List.of());
        String tampered = json(v1).replace("\"warning\"", "\"ended\"");
        send(tampered).then().statusCode(400).body("errors[0].field", equalTo("provenance.hash"));
        VersionRow tooPrecise = version(id, "vn", "vn", content("warning"),
                Instant.parse("2026-11-20T01:00:00.1234567Z"), List.of());
        send(json(tooPrecise)).then().statusCode(400).body("errors[0].field", equalTo("provenance.recordedAt"));
        given().header("Authorization", Tokens.bearer("vn", "writer", "admin")).contentType(ContentType.JSON)
                .body(json(v1)).post("/api/v1/replicas?from=hub-central").then().statusCode(403);
        given().header("Authorization", CONNECTOR).contentType(ContentType.JSON).body(json(v1)).post("/api/v1/replicas")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().header("Authorization", ADMIN).get("/api/v1/threats/" + id).then().statusCode(404);
    }

    @Test
    void divergedEditsMergeDeterministicallyWithTheOwnersEditWinning() {
        UUID id = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-21T00:00:00Z");
        VersionRow base = version(id, "vn.hn", "vn.hn", content("warning"), t0, List.of());
        send(json(base)).then().body("outcome", equalTo("applied"));
        // here, the owner edits
        ObjectNode local = content("active");
        given().header("Authorization", Tokens.bearer("vn.hn", "writer")).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(local.toString()).put("/api/v1/threats/" + id).then()
                .statusCode(200);
        String localHash = given().header("Authorization", ADMIN).get("/api/v1/threats/" + id).path("provenance.hash");
        // meanwhile at the centre someone else edited the same version, later in time
        VersionRow theirs = version(id, "vn.hn", "vn", content("contained"),
                Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                List.of(base.hash()));
        Response r = send(json(theirs));
        r.then().statusCode(200).body("outcome", equalTo("conflict")).body("version", equalTo(4));
        Response head = given().header("Authorization", ADMIN).get("/api/v1/threats/" + id);
        head.then().body("status", equalTo("active")) // the owner's edit wins although the other is later
                .body("provenance.activity", equalTo("merge"))
                .body("provenance.author.subject", equalTo(ReplicaService.MERGE_SUBJECT));
        List<String> parents = head.path("provenance.parents");
        assertEquals(List.of(localHash, theirs.hash()).stream().sorted().toList(), parents);
        // nothing was discarded: the other edit is a stored version
        given().header("Authorization", ADMIN).get("/api/v1/threats/" + id + "/versions").then()
                .body("items.provenance.hash", hasItem(theirs.hash())).body("items", hasSize(4));
        // listed for review, then marked resolved
        Response conflicts = given().header("Authorization", ADMIN).get("/api/v1/conflicts");
        conflicts.then().statusCode(200).body("items.recordId", hasItem(id.toString()));
        String conflictId = conflicts.jsonPath().getString("items.find { it.recordId == '" + id + "' }.id");
        assertEquals(localHash,
                conflicts.jsonPath().getString("items.find { it.recordId == '" + id + "' }.winnerHash"));
        given().header("Authorization", Tokens.bearer("vn", "reader")).get("/api/v1/conflicts").then().statusCode(403);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"resolution\":\"Đã kiểm tra với Sở\"}").post("/api/v1/conflicts/" + conflictId + "/resolve")
                .then().statusCode(204);
        given().header("Authorization", ADMIN).get("/api/v1/conflicts").then().body("items.id",
                not(hasItem(conflictId)));
        // the merge arriving from a hub that resolved the same conflict is already here
        String mergeJson = given().header("Authorization", ADMIN).get("/api/v1/threats/" + id).asString();
        Response again = send(mergeJson);
        assertEquals(200, again.statusCode(), again.asString());
        again.then().body("outcome", equalTo("present"));
    }

    /**
     * The versions of one request: a new record, its edit, a diverged edit (conflict and merge), the same merge as the
     * other hub computed it, an edit after the merge, a replay; the same id offered as another kind; a second new
     * record taking the first one's source reference.
     */
    static List<String> story(UUID id, UUID other, String system) {
        Instant t = Instant.parse("2026-11-22T00:00:00Z");
        VersionRow base = withSource(version(id, "vn.hn", "vn.hn", content("warning"), t, List.of()), system);
        VersionRow byOwner = withSource(
                version(id, "vn.hn", "vn.hn", content("active"), t.plusSeconds(1), List.of(base.hash())), system);
        VersionRow byOther = withSource(
                version(id, "vn.hn", "vn", content("ended"), t.plusSeconds(9), List.of(base.hash())), system);
        VersionRow merge = ReplicaService.merge(byOwner, byOther, ReplicaService.winner(byOwner, byOther), 0);
        VersionRow after = withSource(
                version(id, "vn.hn", "vn.hn", content("contained"), t.plusSeconds(20), List.of(merge.hash())), system);
        VersionRow asIncident = new VersionRow(id, "incident", 0, "vn", "public", null, null, false, Bodies.incident(),
                "create", "vn", "user@vn", null, t, "hub-central", null, "", List.of());
        asIncident = asIncident.withHash(VersionHash.of(asIncident));
        VersionRow sameRef = withSource(version(other, "vn.hn", "vn.hn", content("warning"), t, List.of()), system);
        return List.of(json(base), json(byOwner), json(byOther), json(merge), json(after), json(byOwner),
                json(asIncident), json(sameRef));
    }

    static VersionRow withSource(VersionRow v, String system) {
        VersionRow r = new VersionRow(v.id(), v.kind(), 0, v.owner(), v.classification(), system, "s-1", v.deleted(),
                v.content(), v.activity(), v.authorOrg(), v.authorSubject(), v.authorRole(), v.recordedAt(),
                v.originHub(), v.connector(), "", v.parents());
        return r.withHash(VersionHash.of(r));
    }

    @Test
    void aBatchDecidesEachVersionAsIfItCameAloneAfterTheOnesBefore() {
        UUID a = UUID.randomUUID();
        List<String> batch = story(a, UUID.randomUUID(), "sys-" + a);
        Response together = send("[" + String.join(",", batch) + "]");
        together.then().statusCode(200);
        List<String> outcomes = together.path("results.outcome");
        List<Integer> statuses = together.path("results.status");
        List<Integer> versions = together.path("results.version");
        assertEquals(
                java.util.Arrays.asList("applied", "applied", "conflict", "present", "applied", "present", null, null),
                outcomes);
        assertEquals(java.util.Arrays.asList(null, null, null, null, null, null, 409, 409), statuses);
        assertEquals(java.util.Arrays.asList(1, 2, 4, null, 5, null, null, null), versions);

        // the same versions of another record, one request each, come out the same
        UUID b = UUID.randomUUID();
        List<String> alone = story(b, UUID.randomUUID(), "sys-" + b);
        for (int i = 0; i < alone.size(); i++) {
            Response r = send(alone.get(i));
            if (statuses.get(i) != null) {
                assertEquals(statuses.get(i), r.statusCode(), r.asString());
            } else {
                assertEquals(outcomes.get(i), r.path("outcome"), r.asString());
                assertEquals(versions.get(i), r.path("version"), r.asString());
            }
        }
        for (UUID id : List.of(a, b)) {
            Response history = given().header("Authorization", ADMIN).get("/api/v1/threats/" + id + "/versions");
            history.then().body("items.version", equalTo(List.of(1, 2, 3, 4, 5)))
                    .body("items.provenance.activity",
                            equalTo(List.of("create", "update", "update", "merge", "update")))
                    .body("items[4].status", equalTo("contained"));
            given().header("Authorization", ADMIN).get("/api/v1/threats/" + id).then().body("version", equalTo(5))
                    .body("provenance.parents", hasSize(1));
            given().header("Authorization", ADMIN).get("/api/v1/conflicts").then().body("items.recordId",
                    hasItem(id.toString()));
        }
    }

    @Test
    void everyHubPicksTheSameWinnerAndMergeWhicheverSideItStandsOn() {
        UUID id = UUID.randomUUID();
        Instant t = Instant.parse("2026-11-21T00:00:00Z");
        VersionRow base = version(id, "vn.hn", "vn.hn", content("warning"), t, List.of());
        VersionRow byOwner = version(id, "vn.hn", "vn.hn", content("active"), t.plusSeconds(1), List.of(base.hash()));
        VersionRow laterByOther = version(id, "vn.hn", "vn", content("ended"), t.plusSeconds(9), List.of(base.hash()));
        VersionRow sameTimeOther = version(id, "vn.hn", "vn.mae", content("contained"), t.plusSeconds(9),
                List.of(base.hash()));
        assertEquals(byOwner, ReplicaService.winner(byOwner, laterByOther));
        assertEquals(byOwner, ReplicaService.winner(laterByOther, byOwner));
        VersionRow tieWinner = ReplicaService.winner(laterByOther, sameTimeOther);
        assertEquals(tieWinner, ReplicaService.winner(sameTimeOther, laterByOther));
        assertEquals(laterByOther.hash().compareTo(sameTimeOther.hash()) > 0 ? laterByOther : sameTimeOther, tieWinner);
        VersionRow earlierByOther = version(id, "vn.hn", "vn", content("ended"), t.plusSeconds(5),
                List.of(base.hash()));
        assertEquals(laterByOther, ReplicaService.winner(earlierByOther, laterByOther));
        assertEquals(ReplicaService.merge(byOwner, laterByOther, byOwner, 3).hash(),
                ReplicaService.merge(laterByOther, byOwner, byOwner, 7).hash());
    }
}
