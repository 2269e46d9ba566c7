package org.lienthong.hub.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The visibility table and the write rules, each proven in both directions, with tokens for a nation, two ministries,
 * two provinces, a commune and an auditor. The hierarchy is built fresh for this class (under the sample nation
 * {@code vn}) so that agreements made here touch nothing else:
 *
 * <pre>
 * vn (nation)
 * ├── MIN  (ministry)  ── MIN_UNIT (unit)
 * ├── MIN2 (ministry)
 * ├── PROV (province)  ── COMMUNE (commune)
 * └── PROV2 (province)
 * </pre>
 */
@QuarkusTest
class AccessRulesTest {

    static final String SUFFIX = Tokens.freshOrg("x").substring("vn.t-x-".length());
    static final String MIN = "vn.min-" + SUFFIX;
    static final String MIN_UNIT = MIN + ".cdc";
    static final String MIN2 = "vn.mintwo-" + SUFFIX;
    static final String PROV = "vn.prov-" + SUFFIX;
    static final String COMMUNE = PROV + ".xa";
    static final String PROV2 = "vn.provtwo-" + SUFFIX;
    static final String ADMIN = Tokens.bearer("vn", "admin");
    static final List<String> LEVELS = List.of("public", "internal", "restricted", "secret");

    /** Record ids by classification: incidents and one threat per level, owned by PROV; one incident by COMMUNE. */
    static final Map<String, String> INCIDENTS = new LinkedHashMap<>();
    static final Map<String, String> THREATS = new LinkedHashMap<>();
    static String communeInternal;

    @BeforeEach
    void hierarchyAndRecords() {
        if (!INCIDENTS.isEmpty()) {
            return;
        }
        Orgs.ensure(MIN, "vn", "ministry");
        Orgs.ensure(MIN_UNIT, MIN, "unit");
        Orgs.ensure(MIN2, "vn", "ministry");
        Orgs.ensure(PROV, "vn", "province");
        Orgs.ensure(COMMUNE, PROV, "commune");
        Orgs.ensure(PROV2, "vn", "province");
        for (String level : LEVELS) {
            INCIDENTS.put(level, create("incident", PROV, level));
            THREATS.put(level, create("threat", PROV, level));
        }
        communeInternal = create("incident", COMMUNE, "internal");
    }

    static String create(String kind, String owner, String classification) {
        ObjectNode body = Bodies.of(kind);
        body.put("classification", classification);
        return given().header("Authorization", Tokens.bearer(owner, "writer")).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/v1/" + kind + "s").then().statusCode(201).extract().path("id");
    }

    static String token(String org, String clearance, String... roles) {
        var claims = Tokens.claims(org, roles.length == 0 ? new String[] { "reader" } : roles);
        if (clearance != null) {
            claims.claim("clearance", clearance);
        }
        return "Bearer " + claims.sign();
    }

    /** The levels of PROV's incidents this token can get; each refused one must be a 404, never a 403. */
    static Set<String> visibleIncidents(String bearer) {
        return visible(bearer, "incident", INCIDENTS);
    }

    static Set<String> visible(String bearer, String kind, Map<String, String> ids) {
        Set<String> seen = new TreeSet<>(java.util.Comparator.comparingInt(LEVELS::indexOf));
        ids.forEach((level, id) -> {
            int status = given().header("Authorization", bearer).get("/api/v1/" + kind + "s/" + id).statusCode();
            if (status == 200) {
                seen.add(level);
            } else {
                assertEquals(404, status, level + " " + kind + " must not exist for this caller");
            }
        });
        return seen;
    }

    static Set<String> set(String... levels) {
        Set<String> s = new TreeSet<>(java.util.Comparator.comparingInt(LEVELS::indexOf));
        s.addAll(List.of(levels));
        return s;
    }

    @Test
    void theOwnerSeesEverythingItOwns() {
        assertEquals(set("public", "internal", "restricted", "secret"), visibleIncidents(token(PROV, null)));
        // even with a low clearance: the owner's own records are its own
        assertEquals(set("public", "internal", "restricted", "secret"), visibleIncidents(token(PROV, "public")));
    }

    @Test
    void organisationsAboveSeeUpToRestrictedAndSecretOnlyWithSecretClearance() {
        assertEquals(set("public", "internal", "restricted"), visibleIncidents(token("vn", null)));
        assertEquals(set("public", "internal", "restricted", "secret"), visibleIncidents(token("vn", "secret")));
        // the clearance caps what the hierarchy would allow
        assertEquals(set("public", "internal"), visibleIncidents(token("vn", "internal")));
        assertEquals(set("public"), visibleIncidents(token("vn", "public")));
    }

    @Test
    void anAuditorAtTheCentreReadsByTheSameRules() {
        assertEquals(set("public", "internal", "restricted"), visibleIncidents(token("vn", null, "auditor")));
    }

    @Test
    void organisationsBelowSeePublicAndInternalOnly() {
        assertEquals(set("public", "internal"), visibleIncidents(token(COMMUNE, null)));
        assertEquals(set("public", "internal"), visibleIncidents(token(COMMUNE, "secret")));
    }

    @Test
    void peersSeeOnlyPublicWithoutAnAgreement() {
        assertEquals(set("public"), visibleIncidents(token(PROV2, null)));
        assertEquals(set("public"), visibleIncidents(token(PROV2, "secret")));
        assertEquals(set("public"), visibleIncidents(token(MIN2, "secret")));
        // and the internal record of the commune below PROV is invisible to the peer province too
        given().header("Authorization", token(PROV2, null)).get("/api/v1/incidents/" + communeInternal).then()
                .statusCode(404);
        // while the province above the commune sees it
        given().header("Authorization", token(PROV, null)).get("/api/v1/incidents/" + communeInternal).then()
                .statusCode(200);
    }

    @Test
    void anAgreementOpensTheAgreedKindsUpToItsClassificationForTheGranteeAndBelow() {
        String agreement = agree(PROV, MIN, List.of("incident"), "internal", null, null);
        try {
            assertEquals(set("public", "internal"), visibleIncidents(token(MIN, null)));
            assertEquals(set("public", "internal"), visibleIncidents(token(MIN_UNIT, null)));
            // kind not in the agreement: threats stay closed
            assertEquals(set("public"), visible(token(MIN, null), "threat", THREATS));
            // the grantor's subtree is included: the commune's internal incident
            given().header("Authorization", token(MIN, null)).get("/api/v1/incidents/" + communeInternal).then()
                    .statusCode(200);
            // other organisations gain nothing
            assertEquals(set("public"), visibleIncidents(token(MIN2, null)));
            // the caller's clearance still caps the agreement
            assertEquals(set("public"), visibleIncidents(token(MIN, "public")));
        } finally {
            endAgreement(agreement);
        }
        assertEquals(set("public"), visibleIncidents(token(MIN, null)));
    }

    @Test
    void anAgreementUpToSecretStillNeedsTheClearance() {
        String agreement = agree(PROV, MIN, List.of("incident", "threat"), "secret", null, null);
        try {
            assertEquals(set("public", "internal", "restricted"), visibleIncidents(token(MIN, null)));
            assertEquals(set("public", "internal", "restricted", "secret"), visibleIncidents(token(MIN, "secret")));
            assertEquals(set("public", "internal", "restricted"), visible(token(MIN, null), "threat", THREATS));
        } finally {
            endAgreement(agreement);
        }
    }

    @Test
    void anAgreementOutsideItsPeriodGivesNothing() {
        Instant now = Instant.now();
        String expired = agree(PROV, MIN2, List.of("incident"), "restricted", now.minus(10, ChronoUnit.DAYS).toString(),
                now.minus(1, ChronoUnit.SECONDS).toString());
        String future = agree(PROV, MIN2, List.of("incident"), "restricted", now.plus(1, ChronoUnit.DAYS).toString(),
                null);
        try {
            assertEquals(set("public"), visibleIncidents(token(MIN2, null)));
        } finally {
            endAgreement(expired);
            endAgreement(future);
        }
        String current = agree(PROV, MIN2, List.of("incident"), "restricted", now.minus(1, ChronoUnit.DAYS).toString(),
                now.plus(1, ChronoUnit.DAYS).toString());
        try {
            assertEquals(set("public", "internal", "restricted"), visibleIncidents(token(MIN2, null)));
        } finally {
            endAgreement(current);
        }
    }

    @Test
    void listsAndHistoriesSilentlyLeaveOutWhatTheCallerMayNotSee() {
        // other tests add records owned by PROV; compare on the ones made for this class, and check the rest by level
        List<String> asPeer = listIds(token(PROV2, null), PROV);
        assertEquals(List.of(INCIDENTS.get("public")), known(asPeer));
        List<String> asNation = listIds(token("vn", null), PROV);
        assertEquals(List.of(INCIDENTS.get("public"), INCIDENTS.get("internal"), INCIDENTS.get("restricted")),
                known(asNation));
        given().header("Authorization", token(PROV2, null)).queryParam("owner", PROV).queryParam("limit", 1000)
                .get("/api/v1/incidents").then().body("items.classification", everyItem(equalTo("public")));
        given().header("Authorization", token("vn", null)).queryParam("owner", PROV).queryParam("limit", 1000)
                .get("/api/v1/incidents").then().body("items.classification", everyItem(not(equalTo("secret"))));
        // filtering by classification cannot reveal more
        given().header("Authorization", token(PROV2, null)).queryParam("owner", PROV)
                .queryParam("classification", "secret").get("/api/v1/incidents").then().statusCode(200)
                .body("items.size()", equalTo(0));
        for (String path : new String[] { "/versions", "/versions/1" }) {
            given().header("Authorization", token(PROV2, null))
                    .get("/api/v1/incidents/" + INCIDENTS.get("internal") + path).then().statusCode(404);
            given().header("Authorization", token("vn", null))
                    .get("/api/v1/incidents/" + INCIDENTS.get("internal") + path).then().statusCode(200);
        }
    }

    static List<String> known(List<String> ids) {
        return ids.stream().filter(INCIDENTS::containsValue).toList();
    }

    static List<String> listIds(String bearer, String owner) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().header("Authorization", bearer).queryParam("owner", owner).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/incidents");
            page.then().statusCode(200);
            ids.addAll(page.path("items.id"));
            cursor = page.path("next");
        } while (cursor != null);
        return ids;
    }

    @Test
    void writersWriteForTheirOrganisationAndBelowOnly() {
        String provWriter = token(PROV, null, "writer");
        String communeWriter = token(COMMUNE, null, "writer");
        ObjectNode body = Bodies.incident();
        body.put("owner", COMMUNE);
        given().header("Authorization", provWriter).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/incidents").then().statusCode(201).body("owner", equalTo(COMMUNE));
        body.put("owner", PROV);
        given().header("Authorization", communeWriter).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/incidents").then().statusCode(403);
        body.put("owner", PROV2);
        given().header("Authorization", provWriter).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/incidents").then().statusCode(403);
        body.put("owner", "vn.not-registered");
        given().header("Authorization", provWriter).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/incidents").then().statusCode(400).body("errors[0].field", equalTo("owner"));
        // a registered organisation's reader cannot write at all
        given().header("Authorization", token(PROV, null)).contentType(ContentType.JSON)
                .body(Bodies.incident().toString()).post("/api/v1/incidents").then().statusCode(403);
        // an unregistered organisation cannot write even its own records
        given().header("Authorization", token("vn.nowhere", null, "writer")).contentType(ContentType.JSON)
                .body(Bodies.incident().toString()).post("/api/v1/incidents").then().statusCode(403);
    }

    @Test
    void changesByOthersAre403WhenVisibleAnd404WhenNot() {
        String publicOne = create("incident", PROV, "public");
        String internalOne = create("incident", PROV, "internal");
        ObjectNode change = Bodies.incident();
        change.put("status", "closed");
        String peer = token(PROV2, null, "writer");
        given().header("Authorization", peer).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(change.toString()).put("/api/v1/incidents/" + publicOne).then().statusCode(403);
        given().header("Authorization", peer).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(change.toString()).put("/api/v1/incidents/" + internalOne).then().statusCode(404);
        given().header("Authorization", peer).header("If-Match", "\"1\"").delete("/api/v1/incidents/" + publicOne)
                .then().statusCode(403);
        // below may not change above
        given().header("Authorization", token(COMMUNE, null, "writer")).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(change.toString()).put("/api/v1/incidents/" + internalOne).then()
                .statusCode(403);
        // above may
        given().header("Authorization", token("vn", null, "writer")).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(change.toString()).put("/api/v1/incidents/" + internalOne).then()
                .statusCode(200).body("provenance.author.org", equalTo("vn"));
        // moving a record to an owner outside one's subtree is refused
        change.put("owner", PROV2);
        given().header("Authorization", token(PROV, null, "writer")).header("If-Match", "\"2\"")
                .contentType(ContentType.JSON).body(change.toString()).put("/api/v1/incidents/" + internalOne).then()
                .statusCode(403);
    }

    @Test
    void adminsActForAnyOrganisationAndProvenanceSaysSo() {
        ObjectNode body = Bodies.incident();
        body.put("owner", PROV);
        String id = given().header("Authorization", token(MIN2, null, "admin")).contentType(ContentType.JSON)
                .body(body.toString()).post("/api/v1/incidents").then().statusCode(201)
                .body("provenance.author.org", equalTo(MIN2)).body("provenance.author.role", equalTo("admin")).extract()
                .path("id");
        body.put("status", "closed");
        given().header("Authorization", token(MIN2, null, "admin")).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(body.toString()).put("/api/v1/incidents/" + id).then()
                .statusCode(200).body("provenance.author.role", equalTo("admin"));
    }

    static String agree(String grantor, String grantee, List<String> kinds, String max, String from, String until) {
        ObjectNode body = Bodies.JSON.createObjectNode();
        body.put("grantor", grantor).put("grantee", grantee).put("maxClassification", max).put("purpose",
                "Kiểm thử chia sẻ dữ liệu");
        kinds.forEach(body.putArray("kinds")::add);
        if (from != null) {
            body.put("validFrom", from);
        }
        if (until != null) {
            body.put("validUntil", until);
        }
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");
    }

    static void endAgreement(String id) {
        given().header("Authorization", ADMIN).delete("/api/v1/agreements/" + id).then().statusCode(204);
    }
}
