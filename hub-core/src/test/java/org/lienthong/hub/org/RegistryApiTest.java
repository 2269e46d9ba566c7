package org.lienthong.hub.org;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The organisation registry and agreement endpoints: admin-only writes, checked input, subtree moves. */
@QuarkusTest
class RegistryApiTest {

    static final String ADMIN = Tokens.bearer("vn", "admin");
    static final String READER = Tokens.bearer("vn.hn", "reader");
    static final String BASE = Tokens.freshOrg("reg").substring(3).replace('-', 'r');

    static String org(String code, String name, String parent, String kind) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"parent\":"
                + (parent == null ? "null" : "\"" + parent + "\"") + ",\"kind\":\"" + kind + "\"}";
    }

    @Test
    void theSampleRegistryIsLoadedAtStart() {
        given().header("Authorization", READER).get("/api/v1/organizations/vn.hn.ba-dinh").then().statusCode(200)
                .body("name", equalTo("Phường Ba Đình")).body("parent", equalTo("vn.hn"))
                .body("kind", equalTo("commune")).body("path", equalTo(List.of("vn", "vn.hn", "vn.hn.ba-dinh")));
        given().header("Authorization", READER).queryParam("parent", "vn").get("/api/v1/organizations").then()
                .statusCode(200).body("items.code", hasItems("vn.moh", "vn.mae", "vn.hn", "vn.dn"))
                .body("items.code", not(hasItem("vn.hn.ba-dinh")));
    }

    @Test
    void onlyAdminsRegisterAndChange() {
        String code = "vn." + BASE + "a";
        given().header("Authorization", Tokens.bearer("vn", "writer", "reader")).contentType(ContentType.JSON)
                .body(org(code, "Tỉnh thử", "vn", "province")).post("/api/v1/organizations").then().statusCode(403);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(org(code, "Tỉnh thử", "vn", "province")).post("/api/v1/organizations").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/organizations/" + code));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(org(code, "Tỉnh thử", "vn", "province")).post("/api/v1/organizations").then().statusCode(409);
        given().header("Authorization", READER).contentType(ContentType.JSON)
                .body(org(code, "Tên mới", "vn", "province")).put("/api/v1/organizations/" + code).then()
                .statusCode(403);
    }

    @Test
    void badOrganisationsAre400NamingTheField() {
        String[][] cases = { { org("VN.HN", "x", "vn", "province"), "code" },
                { org("vn." + BASE + "b", "x", "vn.nowhere", "province"), "parent" },
                { org("vn." + BASE + "c", "x", "vn", "city"), "kind" },
                { org("vn." + BASE + "d", "", "vn", "province"), "name" },
                { org("vn." + BASE + "e", "x", null, "province"), "parent" },
                { "{\"code\":\"vn." + BASE + "f\",\"name\":\"x\",\"parent\":\"vn\",\"kind\":\"unit\",\"extra\":1}",
                        "extra" }, };
        for (String[] c : cases) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(c[0])
                    .post("/api/v1/organizations").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(c[1]));
        }
    }

    @Test
    void aNewParentMovesTheWholeSubtreeAndCyclesAreRefused() {
        String a = "vn." + BASE + "g";
        String b = a + ".b";
        String c = b + ".c";
        String d = "vn." + BASE + "h";
        for (String[] o : new String[][] { { a, "vn" }, { b, a }, { c, b }, { d, "vn" } }) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(org(o[0], "Đơn vị", o[1], "unit"))
                    .post("/api/v1/organizations").then().statusCode(201);
        }
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(org(b, "Đơn vị", d, "unit"))
                .put("/api/v1/organizations/" + b).then().statusCode(200).body("path", equalTo(List.of("vn", d, b)));
        given().header("Authorization", READER).get("/api/v1/organizations/" + c).then().body("path",
                equalTo(List.of("vn", d, b, c)));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(org(b, "Đơn vị", c, "unit"))
                .put("/api/v1/organizations/" + b).then().statusCode(400).body("errors[0].field", equalTo("parent"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(org(d, "Đơn vị", "vn", "unit"))
                .put("/api/v1/organizations/" + b).then().statusCode(400).body("errors[0].field", equalTo("code"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(org("vn.nowhere-" + BASE, "x", "vn", "unit")).put("/api/v1/organizations/vn.nowhere-" + BASE)
                .then().statusCode(404);
    }

    @Test
    void agreementsAreCheckedAndListedToTheirParties() {
        String bad = "{\"grantor\":\"vn.hn\",\"grantee\":\"vn.hn\",\"kinds\":[\"volcano\"],"
                + "\"maxClassification\":\"top\",\"purpose\":\"\",\"validFrom\":\"2027-01-01T00:00:00Z\","
                + "\"validUntil\":\"2026-01-01T00:00:00Z\"}";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(bad).post("/api/v1/agreements").then()
                .statusCode(400)
                .body("errors.field", hasItems("grantee", "kinds[0]", "maxClassification", "purpose", "validUntil"));
        String good = "{\"grantor\":\"vn.hue\",\"grantee\":\"vn.mps\",\"kinds\":[\"incident\"],"
                + "\"maxClassification\":\"internal\",\"purpose\":\"Phòng chống buôn bán người\"}";
        given().header("Authorization", Tokens.bearer("vn.hue", "writer")).contentType(ContentType.JSON).body(good)
                .post("/api/v1/agreements").then().statusCode(403);
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(good)
                .post("/api/v1/agreements").then().statusCode(201).body("createdBy", equalTo("vn/user@vn")).extract()
                .path("id");
        given().header("Authorization", Tokens.bearer("vn.mps", "reader")).get("/api/v1/agreements").then()
                .statusCode(200).body("items.id", hasItem(id));
        given().header("Authorization", Tokens.bearer("vn.hcm", "reader")).get("/api/v1/agreements").then()
                .statusCode(200).body("items.id", not(hasItem(id)));
        given().header("Authorization", Tokens.bearer("vn", "auditor")).get("/api/v1/agreements").then().statusCode(200)
                .body("items.id", hasItem(id));
        given().header("Authorization", ADMIN).delete("/api/v1/agreements/" + id).then().statusCode(204);
        given().header("Authorization", ADMIN).delete("/api/v1/agreements/" + id).then().statusCode(404);
        given().header("Authorization", ADMIN).delete("/api/v1/agreements/nope").then().statusCode(400);
    }
}
