package org.lienthong.hub.formats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Tokens;
import org.lienthong.hub.testing.Xml;
import org.w3c.dom.Element;

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

    static String cap(String id) {
        return given().header("Authorization", WRITER).accept("application/cap+xml").get("/api/v1/threats/" + id).then()
                .statusCode(200).extract().asString();
    }

    static void put(String id, int version, ObjectNode threat) {
        given().header("Authorization", WRITER).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(threat.toString()).put("/api/v1/threats/" + id).then().statusCode(200);
    }

    /**
     * One threat through its life: version 1 is an Alert, a change an Update, its end a Cancel; each valid CAP 1.2,
     * each a new identifier, the later ones referencing the first message exactly as it was sent, every time with an
     * offset.
     */
    @Test
    void aThreatsLifeIsAnAlertThenUpdatesThenACancelThatReferenceIt() throws Exception {
        ObjectNode threat = Bodies.threat();
        threat.remove("expires");
        String id = given().header("Authorization", WRITER).contentType(ContentType.JSON).body(threat.toString())
                .post("/api/v1/threats").then().statusCode(201).extract().path("id");
        String first = cap(id);
        threat.put("riskLevel", 5);
        put(id, 1, threat);
        String update = cap(id);
        threat.put("status", "ended");
        put(id, 2, threat);
        String cancel = cap(id);

        Element alert = Xml.root(first);
        Element upd = Xml.root(update);
        Element can = Xml.root(cancel);
        List<Element> chain = List.of(alert, upd, can);
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Xml.assertValidCap(List.of(first, update, cancel).get(i));
            Element message = chain.get(i);
            types.add(Xml.text(message, Xml.CAP, "msgType"));
            assertEquals("lienthong:" + id + ":" + (i + 1), Xml.text(message, Xml.CAP, "identifier"));
            assertEquals("lienthong@hub-test", Xml.text(message, Xml.CAP, "sender"));
            assertEquals("Actual", Xml.text(message, Xml.CAP, "status"));
            assertNotNull(Xml.text(message, Xml.CAP, "expires"), "every message expires");
            assertNull(Xml.text(message, Xml.CAP, "web"), "no public feed here: no public page");
            for (String time : List.of("sent", "effective", "onset", "expires")) {
                assertTrue(Xml.text(message, Xml.CAP, time).matches(".*T\\d\\d:\\d\\d:\\d\\d[-+]\\d\\d:\\d\\d"),
                        time + " has an offset");
            }
        }
        assertEquals(List.of("Alert", "Update", "Cancel"), types);
        assertNull(Xml.text(alert, Xml.CAP, "references"), "the first message references nothing");
        String reference = Xml.text(alert, Xml.CAP, "sender") + "," + Xml.text(alert, Xml.CAP, "identifier") + ","
                + Xml.text(alert, Xml.CAP, "sent");
        assertEquals(reference, Xml.text(upd, Xml.CAP, "references"));
        assertEquals(reference, Xml.text(can, Xml.CAP, "references"));
        assertEquals(Xml.text(can, Xml.CAP, "sent"), Xml.text(can, Xml.CAP, "expires"), "over when it ended");
        // without an expires of its own: a day after the latest of sent, effective and onset (here: sent)
        assertEquals(OffsetDateTime.parse(Xml.text(upd, Xml.CAP, "sent")).plusHours(24).toInstant(),
                OffsetDateTime.parse(Xml.text(upd, Xml.CAP, "expires")).toInstant());
    }

    @Test
    void aDrillIsACapExercise() throws Exception {
        ObjectNode threat = Bodies.threat();
        threat.put("exercise", true);
        String id = given().header("Authorization", WRITER).contentType(ContentType.JSON).body(threat.toString())
                .post("/api/v1/threats").then().statusCode(201).extract().path("id");
        String xml = cap(id);
        Xml.assertValidCap(xml);
        assertEquals("Exercise", Xml.text(Xml.root(xml), Xml.CAP, "status"));
        assertEquals("2026-11-08T00:00:00-00:00", Xml.text(Xml.root(xml), Xml.CAP, "expires"), "its own expires");
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
