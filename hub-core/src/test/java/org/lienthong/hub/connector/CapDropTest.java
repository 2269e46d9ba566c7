package org.lienthong.hub.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The built-in cap connector run by the hub on an Atom index in the drop directory: the real alert becomes a threat; a
 * hostile alert (an external entity naming a local file) is dead-lettered without the file being read.
 */
@QuarkusTest
class CapDropTest {

    static final String ADMIN = Tokens.bearer("vn", "admin");

    @Test
    void anIndexOfAlertsImportsTheGoodOneAndDeadLettersTheHostileOne() throws Exception {
        String name = ConnectorRuntimeTest.unique("capdrop");
        String org = "vn.t-" + name;
        Orgs.ensure(org);
        Path dir = Path.of("target/drop", name).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("cap/07_cap12_dwd-germany_wind-gusts.xml")) {
            Files.copy(in, dir.resolve("dwd.xml"));
        }
        Path secret = Files.createTempFile("lienthong-secret", ".txt");
        String marker = "TOP-SECRET-" + name;
        Files.writeString(secret, marker);
        Files.writeString(dir.resolve("evil.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE alert [<!ENTITY x SYSTEM "%s">]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>
                """.formatted(secret.toUri()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("index.atom"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>Drop</title><id>urn:test:drop</id><updated>2026-11-23T00:00:00Z</updated>
                  <entry><id>a</id><title>DWD</title><updated>2026-11-23T00:00:00Z</updated>
                    <link href="dwd.xml" type="application/cap+xml"/></entry>
                  <entry><id>b</id><title>Evil</title><updated>2026-11-23T00:00:00Z</updated>
                    <link href="evil.xml" type="application/cap+xml"/></entry>
                </feed>
                """, StandardCharsets.UTF_8);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "type": "cap", "actAs": {"org": "%s"},
                         "config": {"url": "%s", "owner": "%s", "classification": "public", "intervalSeconds": 60}}"""
                        .formatted(name, org, dir.resolve("index.atom").toUri(), org))
                .post("/api/v1/connectors").then().statusCode(201);
        ConnectorRuntimeTest.await("the index", Duration.ofSeconds(20),
                () -> ConnectorRuntimeTest.instance(name).getInt("deadLetters") == 1
                        && ConnectorRuntimeTest.instance(name).getLong("lanes.source.counts.items") >= 2);
        JsonPath threats = given().header("Authorization", ADMIN).get("/api/v1/threats?owner=" + org).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, threats.getList("items").size());
        String id = threats.getString("items[0].id");
        given().header("Authorization", ADMIN).get("/api/v1/threats/" + id).then().statusCode(200)
                .body("alert.sender", equalTo(threats.getString("items[0].alert.sender")))
                .body("provenance.connector", equalTo(name)).body("classification", equalTo("public"));
        String dead = given().header("Authorization", ADMIN).get("/api/v1/connectors/" + name + "/dead-letters").then()
                .statusCode(200).body("items[0].itemType", equalTo("refused")).extract().asString();
        assertTrue(dead.contains("DOCTYPE") || dead.contains("doctype") || dead.contains("DTD"), dead);
        assertFalse(dead.contains(marker), "the entity's file was not read");
        assertFalse(given().header("Authorization", ADMIN).get("/api/v1/threats/" + id).asString().contains(marker));
        given().header("Authorization", ADMIN).delete("/api/v1/connectors/" + name).then().statusCode(204);
        Files.deleteIfExists(secret);
    }
}
