package org.lienthong.hub.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/** Every record endpoint needs a valid token; roles decide reading and writing. */
@QuarkusTest
class AuthenticationTest {

    static final String ORG = Tokens.freshOrg("auth");

    @org.junit.jupiter.api.BeforeEach
    void registerOrganisation() {
        org.lienthong.hub.testing.Orgs.ensure(ORG);
    }

    @Test
    void noTokenIs401ProblemOnEveryRecordEndpoint() {
        String id = "019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e";
        for (String path : new String[] { "/api/v1/incidents", "/api/v1/threats/" + id,
                "/api/v1/resources/" + id + "/versions", "/api/v1/resources/" + id + "/versions/1" }) {
            given().get(path).then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate",
                    "Bearer");
        }
        given().contentType(ContentType.JSON).body(Bodies.incident().toString()).post("/api/v1/incidents").then()
                .statusCode(401);
        given().contentType(ContentType.JSON).body(Bodies.incident().toString()).put("/api/v1/incidents/by-source/a/b")
                .then().statusCode(401);
        given().header("If-Match", "\"1\"").delete("/api/v1/incidents/" + id).then().statusCode(401);
    }

    @Test
    void invalidTokensAre401() throws Exception {
        String[] bad = { "Bearer " + Tokens.forged(ORG, "reader"), "Bearer not.a.jwt", "Basic dXNlcjpwYXNz",
                "Bearer " + Tokens.claims(ORG, "reader").issuer("https://evil.example").sign(),
                "Bearer " + Tokens.claims(ORG, "reader").issuedAt(Instant.now().minusSeconds(7200))
                        .expiresAt(Instant.now().minusSeconds(3600)).sign(),
                // no org claim
                "Bearer " + Jwt.issuer(Tokens.ISSUER).subject("x").groups(Set.of("reader")).sign(), };
        for (String header : bad) {
            given().header("Authorization", header).get("/api/v1/incidents").then().statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void readersReadAndWritersWrite() {
        String reader = Tokens.bearer(ORG, "reader");
        String writer = Tokens.bearer(ORG, "writer");
        given().header("Authorization", reader).contentType(ContentType.JSON).body(Bodies.incident().toString())
                .post("/api/v1/incidents").then().statusCode(403).contentType("application/problem+json");
        String id = given().header("Authorization", writer).contentType(ContentType.JSON)
                .body(Bodies.incident().toString()).post("/api/v1/incidents").then().statusCode(201).extract()
                .path("id");
        given().header("Authorization", reader).get("/api/v1/incidents/" + id).then().statusCode(200).body("id",
                equalTo(id));
        given().header("Authorization", reader).header("If-Match", "\"1\"").delete("/api/v1/incidents/" + id).then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(ORG)).get("/api/v1/incidents/" + id).then().statusCode(403);
    }

    @Test
    void healthAndOpenApiArePublic() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void securityHeadersAreSetAndCorsIsOff() {
        given().header("Authorization", Tokens.bearer(ORG, "reader")).get("/api/v1/incidents").then()
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/incidents").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().header("Origin", "https://evil.example").header("Authorization", Tokens.bearer(ORG, "reader"))
                .get("/api/v1/incidents").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }
}
