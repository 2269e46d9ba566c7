package org.lienthong.hub.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A corpus of hostile requests — forged and malformed tokens, SQL and control characters in parameters, absurd sizes
 * and numbers — each answered with the expected 4xx problem, never a 5xx, and nothing stored.
 */
@QuarkusTest
class HostileInputTest {

    static final String ORG = Tokens.freshOrg("hostile");

    @Inject
    DataSource db;

    record Case(String name, int expected, Supplier<Response> request) {
    }

    static RequestSpecification writer() {
        return given().urlEncodingEnabled(true).header("Authorization", Tokens.bearer(ORG, "reader", "writer"));
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String unsignedToken(String header) {
        long now = System.currentTimeMillis() / 1000;
        return b64(header) + "." + b64("{\"iss\":\"" + Tokens.ISSUER + "\",\"sub\":\"x\",\"org\":\"vn\","
                + "\"groups\":[\"admin\",\"writer\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}") + ".";
    }

    static Case get(String name, int expected, String bearer, String path) {
        return new Case(name, expected, () -> given().header("Authorization", bearer).get(path));
    }

    static Case list(String name, String param, String value) {
        return new Case(name, 400, () -> writer().queryParam(param, value).get("/api/v1/incidents"));
    }

    static Case post(String name, int expected, String body) {
        return new Case(name, expected,
                () -> writer().contentType(ContentType.JSON).body(body).post("/api/v1/incidents"));
    }

    long count(String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void noHostileRequestGetsA5xxOrStoresAnything() throws Exception {
        Orgs.ensure(ORG);
        long now = System.currentTimeMillis() / 1000;
        String valid = Bodies.incident().toString();
        List<Case> cases = new ArrayList<>(List.of(
                // tokens
                get("forged signature", 401, "Bearer " + Tokens.forged("vn", "admin"), "/api/v1/incidents"),
                get("alg none", 401, "Bearer " + unsignedToken("{\"alg\":\"none\",\"typ\":\"JWT\"}"),
                        "/api/v1/incidents"),
                get("alg HS256 with the public key", 401,
                        "Bearer " + unsignedToken("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "c2lnbmF0dXJl",
                        "/api/v1/incidents"),
                get("another issuer", 401,
                        "Bearer " + Tokens.claims("vn", "reader").issuer("https://attacker.example").sign(),
                        "/api/v1/incidents"),
                get("expired an hour ago", 401,
                        "Bearer " + Tokens.claims("vn", "reader").issuedAt(now - 7200).expiresAt(now - 3600).sign(),
                        "/api/v1/incidents"),
                get("org with SQL", 401, "Bearer " + Tokens.claims("vn'); drop table record_head; --", "reader").sign(),
                        "/api/v1/incidents"),
                get("org array", 401,
                        "Bearer " + Tokens.claims("vn", "reader").claim("org", List.of("vn", "vn.hn")).sign(),
                        "/api/v1/incidents"),
                get("bad clearance", 401, "Bearer " + Tokens.claims("vn", "reader").claim("clearance", "cosmic").sign(),
                        "/api/v1/incidents"),
                get("no groups", 401,
                        "Bearer " + io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER).subject("x").claim("org", "vn")
                                .sign(),
                        "/api/v1/incidents"),
                get("garbage token", 401, "Bearer ' or 1=1 --", "/api/v1/incidents"),
                get("empty bearer", 401, "Bearer ", "/api/v1/incidents"),
                get("huge token", 401, "Bearer " + "A".repeat(6000), "/api/v1/incidents"),
                // query parameters
                list("owner injection", "owner", "vn' or '1'='1"),
                list("status injection", "status", "x\") or true --"),
                list("control character", "hazardCode", "MH0600\u0000"),
                list("newline", "domain", "water\r\nX-Injected: 1"),
                list("oversize filter", "adminCode", "4".repeat(2_000)),
                // beyond the HTTP request-line limit the server's codec answers 414 itself, before the application
                new Case("request line over 4 KB", 414,
                        () -> writer().queryParam("adminCode", "4".repeat(10_000)).get("/api/v1/incidents")),
                list("negative limit", "limit", "-1"), list("absurd limit", "limit", "99999999999999999999"),
                list("float limit", "limit", "1e3"), list("forged cursor", "cursor", "r1:' or 1=1 --"),
                list("cursor of random bytes", "cursor", b64("\u0000\u0001garbage")),
                list("bad timestamp", "updatedSince", "2026-13-45T99:99:99Z"),
                list("classification injection", "classification", "public' or 'x'='x"),
                // paths
                get("id injection", 400, Tokens.bearer(ORG, "reader"), "/api/v1/incidents/1%27%20or%201=1"),
                get("version number overflow", 400, Tokens.bearer(ORG, "reader"),
                        "/api/v1/incidents/019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e/versions/99999999999"),
                get("unknown collection", 404, Tokens.bearer(ORG, "reader"), "/api/v1/secrets"),
                // bodies
                post("2 MB title", 400, valid.replace("\"Lũ quét", "\"" + "x".repeat(2_000_000))),
                post("NUL in title", 400, valid.replace("Lũ quét", "Lũ\\u0000quét")),
                post("number beyond double", 400, valid.replace("\"riskLevel\":4", "\"riskLevel\":1e400")),
                post("huge impact", 400, valid.replace("\"value\":1250", "\"value\":1e30")),
                post("deep nesting", 400, "{\"title\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                post("duplicate keys", 400,
                        valid.replace("{\"title\"", "{\"owner\":\"vn.hn\",\"owner\":\"vn\",\"title\"")),
                post("SQL in a field", 400, valid.replace("\"water\"", "\"water'); delete from record_head; --\"")),
                post("script in owner", 400, valid.replace("{\"title\"", "{\"owner\":\"<script>\",\"title\"")),
                post("not JSON", 400,
                        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"),
                new Case("wrong content type", 415,
                        () -> writer().contentType("application/x-www-form-urlencoded").body("title=x")
                                .post("/api/v1/incidents")),
                new Case("organisation by a non-admin", 403,
                        () -> writer().contentType(ContentType.JSON)
                                .body("{\"code\":\"vn.evil\",\"name\":\"x\",\"parent\":\"vn\",\"kind\":\"unit\"}")
                                .post("/api/v1/organizations")),
                new Case("agreement by a non-admin", 403, () -> writer().contentType(ContentType.JSON)
                        .body("{\"grantor\":\"vn\",\"grantee\":\"vn.hn\",\"kinds\":[\"incident\"],"
                                + "\"maxClassification\":\"secret\",\"purpose\":\"x\"}")
                        .post("/api/v1/agreements")),
                new Case("If-Match garbage", 404, () -> writer().header("If-Match", "\"1\" or 1=1")
                        .delete("/api/v1/incidents/019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e"))));
        assertTrue(cases.size() >= 30, "corpus size " + cases.size());

        long versions = count("record_version");
        long organizations = count("organization");
        long agreements = count("agreement");
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (Case c : cases) {
            Response r = c.request().get();
            checks.add(() -> assertEquals(c.expected(), r.statusCode(), c.name() + ": " + r.asString()));
            checks.add(() -> assertTrue(r.statusCode() < 500, c.name()));
            checks.add(() -> assertTrue(!r.asString().contains("Exception") && !r.asString().contains("\tat "),
                    c.name() + " leaks internals"));
            if (r.statusCode() != 414) {
                checks.add(() -> assertTrue(r.contentType().startsWith("application/problem+json"),
                        c.name() + " content type " + r.contentType()));
            }
        }
        assertAll(checks);
        assertEquals(versions, count("record_version"), "records stored");
        assertEquals(organizations, count("organization"), "organisations stored");
        assertEquals(agreements, count("agreement"), "agreements stored");
    }
}
