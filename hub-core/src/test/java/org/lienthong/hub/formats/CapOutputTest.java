package org.lienthong.hub.formats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * {@code GET /api/v1/threats/{id}} with {@code Accept: application/cap+xml}: a CAP 1.2 alert valid against the schema.
 */
@QuarkusTest
class CapOutputTest {

    static final String WRITER = Tokens.bearer("vn", "reader", "writer");

    static void assertValidCap(String xml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        URL xsd = CapOutputTest.class.getClassLoader().getResource("cap/cap12.xsd");
        factory.newSchema(xsd).newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void aThreatIsAValidCapAlertWithItsAreasAndCodes() throws Exception {
        ObjectNode threat = Bodies.threat();
        String id = given().header("Authorization", WRITER).contentType(ContentType.JSON).body(threat.toString())
                .post("/api/v1/threats").then().statusCode(201).extract().path("id");
        String xml = given().header("Authorization", WRITER).accept("application/cap+xml").get("/api/v1/threats/" + id)
                .then().statusCode(200).contentType(startsWith("application/cap+xml")).header("ETag", "\"1\"").extract()
                .asString();
        assertValidCap(xml);
        assertTrue(xml.contains("urn:oasis:names:tc:emergency:cap:1.2"), xml);
        assertTrue(xml.contains("Bão số 13 hướng vào Gia Lai – Đắk Lắk"), xml);
        assertTrue(xml.contains("MH0309"), xml);
        assertTrue(xml.contains("<polygon>13,108.5 13,110 14.5,110 14.5,108.5 13,108.5</polygon>"),
                "polygons are lat,lon in CAP: " + xml);
        assertTrue(xml.contains("VN-QD18-2021:riskLevel"), xml);

        // an update is a CAP Update; JSON stays the default
        threat.put("status", "ended");
        given().header("Authorization", WRITER).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(threat.toString()).put("/api/v1/threats/" + id).then().statusCode(200);
        String second = given().header("Authorization", WRITER).accept("application/cap+xml")
                .get("/api/v1/threats/" + id).then().statusCode(200).extract().asString();
        assertValidCap(second);
        assertTrue(second.contains("<msgType>Update</msgType>") || second.contains("<msgType>Cancel</msgType>"),
                second);
        given().header("Authorization", WRITER).accept("*/*").get("/api/v1/threats/" + id).then().statusCode(200)
                .contentType(startsWith("application/json"));
    }

    @Test
    void onlyThreatsAreCapAndErrorsStayProblems() {
        String id = given().header("Authorization", WRITER).contentType(ContentType.JSON)
                .body(Bodies.incident().toString()).post("/api/v1/incidents").then().statusCode(201).extract()
                .path("id");
        given().header("Authorization", WRITER).accept("application/cap+xml").get("/api/v1/incidents/" + id).then()
                .statusCode(406).contentType("application/problem+json");
        given().header("Authorization", WRITER).accept("application/cap+xml")
                .get("/api/v1/threats/019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
