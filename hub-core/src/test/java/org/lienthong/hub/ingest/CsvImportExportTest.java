package org.lienthong.hub.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code POST /api/v1/{kinds}/import} with text/csv, and {@code Accept: text/csv} on lists. */
@QuarkusTest
class CsvImportExportTest {

    static final String ORG = Tokens.freshOrg("csv");
    static final String WRITER = Tokens.bearer(ORG, "reader", "writer");

    @BeforeEach
    void register() {
        Orgs.ensure(ORG);
    }

    static JsonPath importCsv(String kinds, byte[] sheet) {
        return given().header("Authorization", WRITER).contentType("text/csv; charset=utf-8").body(sheet)
                .post("/api/v1/" + kinds + "/import").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSheetWithABomAndABadRowImportsTheRestAndNamesTheLine() {
        String sheet = "\uFEFFsourceRef.system,sourceRef.id,title,hazardCode,domain,status,occurredAt,location.adminCodes,impacts.evacuated,description\r\n"
                + "csv-test," + ORG
                + "-1,\"Sạt lở đất, thôn 2\",GH0101,geology,reported,2026-11-20T03:00:00Z,49|49.206,120,\r\n"
                + "csv-test," + ORG + "-2,Ngập lụt,MH0600,water,reported,not-a-time,49,,\r\n" + "csv-test," + ORG
                + "-3,Lũ quét,MH0600,water,responding,2026-11-21T22:40:00Z,,1250,\"Mưa lớn kéo dài.\nNhiều hộ bị cô lập.\"\r\n";
        JsonPath r = importCsv("incidents", sheet.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, r.getInt("created"), r.prettify());
        assertEquals(1, r.getInt("rejected"));
        assertEquals(List.of(2, 3, 4), r.getList("results.line"));
        assertEquals("rejected", r.getString("results[1].status"));
        assertEquals("occurredAt", r.getString("results[1].errors[0].field"));
        String id = r.getString("results[0].id");
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("title", equalTo("Sạt lở đất, thôn 2"))
                .body("location.adminCodes", equalTo(List.of("49", "49.206")))
                .body("impacts[0].metric", equalTo("evacuated")).body("impacts[0].value", equalTo(120))
                .body("owner", equalTo(ORG));
        // the same sheet again creates nothing
        JsonPath again = importCsv("incidents", sheet.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, again.getInt("created"));
        assertEquals(2, again.getInt("unchanged"));
    }

    @Test
    void exportThenImportRoundTrips() {
        String system = "csv-rt-" + ORG;
        String sheet = "sourceRef.system,sourceRef.id,name,pillar,category,quantity,available,unit,status,reserve,location.description,location.adminCodes\n"
                + system + ",a,Xuồng cứu hộ,materials,vehicle,12,10,chiếc,available,true,Kho Hòa Khánh,48|48.490\n"
                + system + ",b,\"Áo phao \"\"loại 1\"\"\",materials,supply,500.5,0,cái,depleted,false,,\n";
        JsonPath first = importCsv("resources", sheet.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, first.getInt("created"));
        String csv = given().header("Authorization", WRITER).accept("text/csv")
                .get("/api/v1/resources?owner=" + ORG + "&limit=1000").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("id,version,owner,classification,sourceRef.system,sourceRef.id,name"), csv);
        assertTrue(csv.contains("\"Áo phao \"\"loại 1\"\"\""), csv);
        JsonPath back = importCsv("resources", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, back.getInt("created"));
        assertEquals(0, back.getInt("updated"));
        assertEquals(2, back.getInt("unchanged"), back.prettify());
    }

    @Test
    void listsStayJsonUnlessCsvIsPreferredAndPagesLinkOn() {
        given().header("Authorization", WRITER).accept("*/*").get("/api/v1/incidents?limit=1").then().statusCode(200)
                .contentType(startsWith("application/json"));
        given().header("Authorization", WRITER).accept("text/csv;q=0.5, application/json")
                .get("/api/v1/incidents?limit=1").then().statusCode(200).contentType(startsWith("application/json"));
        String sheet = "sourceRef.system,sourceRef.id,title,hazardCode,domain,occurredAt\n" + "csv-page," + ORG
                + "-p1,Một,GH0101,geology,2026-11-20T03:00:00Z\n" + "csv-page," + ORG
                + "-p2,Hai,GH0101,geology,2026-11-20T03:00:00Z\n";
        importCsv("incidents", sheet.getBytes(StandardCharsets.UTF_8));
        given().header("Authorization", WRITER).accept("text/csv").get("/api/v1/incidents?limit=1&owner=" + ORG).then()
                .statusCode(200).header("Link", containsString("rel=\"next\""))
                .header("Link", containsString("cursor="));
    }

    @Test
    void unreadableSheetsAreRefusedAndNothingIsStored() {
        given().header("Authorization", WRITER).contentType("text/csv").body(new byte[] { 'a', ',', (byte) 0xC3, '\n' })
                .post("/api/v1/incidents/import").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", WRITER).contentType("text/csv")
                .body("title,title\nx,y\n".getBytes(StandardCharsets.UTF_8)).post("/api/v1/incidents/import").then()
                .statusCode(400).contentType("application/problem+json");
        given().header("Authorization", WRITER).contentType("application/json").body("[]")
                .post("/api/v1/incidents/import").then().statusCode(415);
        given().contentType("text/csv").body("a\n").post("/api/v1/incidents/import").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(ORG, "reader")).contentType("text/csv").body("a\n")
                .post("/api/v1/incidents/import").then().statusCode(403);
        JsonPath r = importCsv("threats", "title,colour\nBão,đỏ\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, r.getInt("rejected"));
        assertTrue(r.getString("results[0].errors[0].message").contains("colour")
                || r.getString("results[0].errors[0].field").contains("colour"), r.prettify());
    }
}
