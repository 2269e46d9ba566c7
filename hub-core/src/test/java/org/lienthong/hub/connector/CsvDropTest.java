package org.lienthong.hub.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The built-in csv connector run by the hub: a district's sheet with Vietnamese headers and a BOM, dropped in the drop
 * directory, becomes incidents; its bad row waits in the dead-letter queue with its file and line.
 */
@QuarkusTest
class CsvDropTest {

    static final String ADMIN = Tokens.bearer("vn", "admin");

    @Test
    void aSheetInTheDropDirectoryIsImportedOnceWithItsBadRowDeadLettered() throws Exception {
        String name = ConnectorRuntimeTest.unique("csvdrop");
        String org = "vn.t-" + name;
        Orgs.ensure(org);
        Path dir = Path.of("target/drop", name).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path sheet = dir.resolve("bao-cao-thiet-hai.csv");
        Files.writeString(sheet,
                "\uFEFFMã báo cáo,Tiêu đề,Mã thiên tai,Lĩnh vực,Thời điểm xảy ra,Số người sơ tán\r\n"
                        + "BC-1,Sạt lở đất thôn 2,GH0101,geology,2026-11-20T03:00:00Z,120\r\n"
                        + "BC-2,Ngập lụt,MH0600,water,hôm qua,40\r\n"
                        + "BC-3,Lũ quét,MH0600,water,2026-11-21T22:40:00Z,1250\r\n",
                StandardCharsets.UTF_8);
        Files.setLastModifiedTime(sheet, FileTime.from(Instant.now().minusSeconds(60))); // settled
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"name": "%s", "type": "csv", "actAs": {"org": "%s"},
                 "config": {"url": "%s", "kind": "incident", "owner": "%s", "sourceSystem": "district-sheets",
                            "headerMapping": ["Mã báo cáo=sourceRef.id", "Tiêu đề=title", "Mã thiên tai=hazardCode",
                                              "Lĩnh vực=domain", "Thời điểm xảy ra=occurredAt",
                                              "Số người sơ tán=impacts.evacuated"],
                            "intervalSeconds": 10}}""".formatted(name, org, dir.toUri(), org))
                .post("/api/v1/connectors").then().statusCode(201);
        ConnectorRuntimeTest.await("the sheet", Duration.ofSeconds(20),
                () -> ConnectorRuntimeTest.instance(name).getInt("deadLetters") == 1
                        && ConnectorRuntimeTest.instance(name).getLong("lanes.source.counts.items") >= 3);
        JsonPath dead = given().header("Authorization", ADMIN).get("/api/v1/connectors/" + name + "/dead-letters")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("bao-cao-thiet-hai.csv:line 3", dead.getString("items[0].detail"));
        assertTrue(dead.getString("items[0].reason").contains("occurredAt"), dead.getString("items[0].reason"));
        JsonPath list = given().header("Authorization", ADMIN).get("/api/v1/incidents?owner=" + org).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, list.getList("items").size());
        given().header("Authorization", ADMIN).get("/api/v1/incidents/" + list.getString("items[0].id")).then()
                .body("sourceRef.system", equalTo("district-sheets")).body("provenance.connector", equalTo(name))
                .body("provenance.activity", equalTo("import"));
        // run again: the unchanged sheet is not imported twice
        given().header("Authorization", ADMIN).post("/api/v1/connectors/" + name + "/run").then().statusCode(202);
        Thread.sleep(800);
        assertEquals(2, given().header("Authorization", ADMIN).get("/api/v1/incidents?owner=" + org).then().extract()
                .jsonPath().getList("items").size());
        assertEquals(1, ConnectorRuntimeTest.instance(name).getInt("deadLetters"));
        given().header("Authorization", ADMIN).delete("/api/v1/connectors/" + name).then().statusCode(204);
    }
}
