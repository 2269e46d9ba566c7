package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.HexFormat;

import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * {@code GET …/versions/{n}/canonical}: the bytes a version's hash is over, checked the way an auditor would, with a
 * JCS implementation that is not the hub's (the reference implementation's Java port, which parses the bytes itself)
 * and a plain SHA-256.
 */
@QuarkusTest
class CanonicalVersionTest {

    static final String ORG = Tokens.freshOrg("jcs");

    static byte[] canonical(String token, String path) {
        return given().header("Authorization", token).get(path).then().statusCode(200).contentType(ContentType.JSON)
                .extract().asByteArray();
    }

    @Test
    void theCanonicalBytesAreRfc8785AndHashToTheStoredHash() throws Exception {
        Orgs.ensure(ORG);
        String writer = Tokens.bearer(ORG, "reader", "writer");
        ObjectNode body = Bodies.threat();
        // numbers whose RFC 8785 form differs from what was sent: exponent, trailing zeros, beyond 2^53
        ((ObjectNode) body.get("indicators").get(0)).put("value", new java.math.BigDecimal("0.00000012500"));
        body.put("description", "Mưa \"lớn\"\tkéo dài\n– \u2028 😂");
        String id = given().header("Authorization", writer).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/threats").then().statusCode(201).extract().path("id");
        body.put("riskLevel", 5);
        given().header("Authorization", writer).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(body.toString()).put("/api/v1/threats/" + id).then().statusCode(200);

        for (int n = 1; n <= 2; n++) {
            String stored = given().header("Authorization", writer).get("/api/v1/threats/" + id + "/versions/" + n)
                    .then().statusCode(200).extract().path("provenance.hash");
            byte[] bytes = canonical(writer, "/api/v1/threats/" + id + "/versions/" + n + "/canonical");
            assertEquals(stored, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                    () -> "sha256sum of the body is the version's hash: "
                            + new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            assertArrayEquals(bytes, new JsonCanonicalizer(bytes).getEncodedUTF8(),
                    "another RFC 8785 implementation leaves the bytes as they are");
        }
        String text = new String(canonical(writer, "/api/v1/threats/" + id + "/versions/1/canonical"),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(true, text.contains("\"value\":1.25e-7"), text);
        assertEquals(true, text.startsWith("{\"content\":{\"alert\":"), text);
        // the stored content is what was hashed: a read returns the number in the same form
        String read = given().header("Authorization", writer).get("/api/v1/threats/" + id + "/versions/1").then()
                .statusCode(200).extract().asString();
        assertEquals(true, read.contains("\"value\":1.25e-7"), read);
    }

    @Test
    void sameAccessAsTheVersionItself() {
        Orgs.ensure(ORG);
        String writer = Tokens.bearer(ORG, "reader", "writer");
        ObjectNode body = Bodies.threat();
        body.put("classification", "restricted");
        String id = given().header("Authorization", writer).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/threats").then().statusCode(201).extract().path("id");
        String path = "/api/v1/threats/" + id + "/versions/1/canonical";
        given().get(path).then().statusCode(401);
        given().header("Authorization", Tokens.bearer(Tokens.freshOrg("other"), "reader")).get(path).then()
                .statusCode(404);
        given().header("Authorization", writer).get("/api/v1/threats/" + id + "/versions/2/canonical").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", writer).get("/api/v1/threats/" + id + "/versions/x/canonical").then()
                .statusCode(400).contentType("application/problem+json");
    }
}
