package org.lienthong.connector.cap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.cap.Fixtures.list;
import static org.lienthong.connector.cap.Fixtures.map;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lienthong.hub.api.json.Json;

/** Threats written as CAP 1.2, validated against the OASIS schema and read back. */
class CapWriterTest {

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        schema = factory.newSchema(new StreamSource(new ByteArrayInputStream(Fixtures.resource("cap12.xsd"))));
    }

    static void assertValid(String xml) {
        try {
            var validator = schema.newValidator();
            validator.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not valid against cap12.xsd: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** A threat as the hub renders it (envelope and content), with {@code extra} members on top. */
    static Map<String, Object> threat(String json) {
        return map(Json.parse(json));
    }

    static final String TYPHOON = """
            {"id":"019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e","kind":"threat","version":1,"owner":"vn.nchmf",
             "classification":"public","sourceRef":{"system":"cap:nchmf.gov.vn","id":"A-1"},
             "createdAt":"2026-11-21T15:40:00.123456Z","updatedAt":"2026-11-21T15:40:00.123456Z","deleted":false,
             "provenance":{"author":{"org":"vn.nchmf","subject":"connector:cap"},"activity":"import",
                           "recordedAt":"2026-11-21T15:40:00.123456Z","originHub":"hanoi","hash":"sha256:aa","parents":[]},
             "title":"Bão số 9 đổ bộ Quảng Ngãi – Đà Nẵng","description":"Gió mạnh cấp 12–13.\\nMưa rất to.",
             "instruction":"Sơ tán dân khỏi vùng trũng & ven biển <ngay>.","hazardCode":"MH0309","domain":"climate",
             "status":"warning","riskLevel":4,"urgency":"Expected","severity":"Severe","certainty":"Likely",
             "responseTypes":["Evacuate","Prepare"],"effective":"2026-11-21T15:40:00Z","onset":"2026-11-22T00:00:00Z",
             "expires":"2026-11-23T00:00:00Z",
             "areas":[
               {"description":"Quảng Ngãi","adminCodes":["51","51.1"],
                "geometry":{"type":"Polygon","coordinates":[[[108.5,15.0],[109.0,15.0],[109.0,15.5],[108.5,15.5],[108.5,15.0]],
                                                              [[108.6,15.1],[108.7,15.1],[108.7,15.2],[108.6,15.1]]]}},
               {"description":"Đà Nẵng","adminCodes":["48"],
                "geometry":{"type":"GeometryCollection","geometries":[
                   {"type":"MultiPolygon","coordinates":[[[[108.0,16.0],[108.3,16.0],[108.3,16.2],[108.0,16.0]]],
                                                         [[[108.4,16.0],[108.5,16.0],[108.5,16.1],[108.4,16.0]]]]},
                   {"type":"Point","coordinates":[108.2022,16.0544]},
                   {"type":"LineString","coordinates":[[108.0,16.0],[108.1,16.1]]}]}},
               {"adminCodes":["49"]},
               {}],
             "alert":{"identifier":"A-1","sender":"nchmf.gov.vn","sent":"2026-11-21T15:40:00Z","msgType":"Alert",
                      "references":[]}}
            """;

    @Test
    void aVietnameseTyphoonWithPolygonsAndSeveralAreas() throws Exception {
        String xml = CapWriter.write(threat(TYPHOON), "hub.lienthong.gov.vn");
        assertValid(xml);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        assertTrue(xml.contains("<identifier>lienthong:019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e:1</identifier>"));
        assertTrue(xml.contains("<sent>2026-11-21T15:40:00-00:00</sent>"), "UTC is -00:00, no fraction");
        assertTrue(xml.contains("<msgType>Alert</msgType>"));
        assertTrue(xml.contains("<scope>Public</scope>"));
        assertFalse(xml.contains("<references>"), "version 1 references nothing");
        assertTrue(xml.contains("<language>vi-VN</language>"));
        assertTrue(xml.contains("<category>Met</category>"));
        assertTrue(xml.contains("&amp; ven biển &lt;ngay&gt;."), "escaped");
        assertTrue(xml.contains("<polygon>15.0,108.5 15.0,109.0 15.5,109.0 15.5,108.5 15.0,108.5</polygon>"),
                "lat,lon; the hole is left out: " + xml);
        assertTrue(xml.contains("<circle>16.0544,108.2022 0</circle>"));
        assertTrue(xml.contains("<areaDesc>49</areaDesc>"), "no description: the admin codes");
        assertTrue(xml.contains("<areaDesc>Area 4</areaDesc>"));

        // read back with the connector's own parser and mapper
        CapAlert alert = CapParser.parseAlerts(xml.getBytes(UTF_8)).get(0);
        assertEquals("hub.lienthong.gov.vn", alert.sender());
        Map<String, Object> back = CapMapper.map(alert, "vn.nchmf", "public", alert.identifier());
        assertEquals(List.of(), ThreatRules.problems(back));
        Map<String, Object> original = threat(TYPHOON);
        for (String field : List.of("title", "description", "instruction", "hazardCode", "domain", "status", "urgency",
                "severity", "certainty", "responseTypes", "effective", "onset", "expires")) {
            assertEquals(original.get(field), back.get(field), field);
        }
        assertEquals(4, back.get("riskLevel"));
        List<Object> areas = list(back.get("areas"));
        assertEquals(4, areas.size());
        assertEquals(List.of("51", "51.1"), map(areas.get(0)).get("adminCodes"));
        Map<String, Object> danang = map(map(areas.get(1)).get("geometry"));
        assertEquals("GeometryCollection", danang.get("type"));
        assertEquals("MultiPolygon", map(list(danang.get("geometries")).get(0)).get("type"));
    }

    @Test
    void aLaterVersionThatEndedIsACancelReferencingTheFirstMessage() {
        Map<String, Object> t = threat(TYPHOON);
        t.put("version", new java.math.BigDecimal(3));
        t.put("updatedAt", "2026-11-22T03:15:30.5Z");
        t.put("status", "ended");
        t.put("classification", "restricted");
        String xml = CapWriter.write(t, "hub.lienthong.gov.vn", ZoneOffset.ofHours(7));
        assertValid(xml);
        assertTrue(xml.contains("<sent>2026-11-22T10:15:30+07:00</sent>"), xml);
        assertTrue(xml.contains("<msgType>Cancel</msgType>"));
        assertTrue(xml.contains("<scope>Restricted</scope>"));
        assertTrue(xml.contains("<restriction>Lienthong classification 'restricted'"));
        assertTrue(xml.contains("<references>hub.lienthong.gov.vn,lienthong:019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e:1,"
                + "2026-11-21T22:40:00+07:00</references>"), xml);
        assertTrue(xml.contains("<effective>2026-11-21T22:40:00+07:00</effective>"));
    }

    @Test
    void aMinimalThreatGetsUnknownsAndAnUpdate() {
        Map<String, Object> t = threat("""
                {"id":"0192f3e4-5b6c-7d8e-9f00-112233445566","version":2,"updatedAt":"2026-11-22T08:00:00Z",
                 "createdAt":"2026-11-22T07:00:00Z","title":"Heroin trafficking route","hazardCode":"VN-DRUG",
                 "domain":"crime"}""");
        String xml = CapWriter.write(t, "hub.example");
        assertValid(xml);
        assertTrue(xml.contains("<msgType>Update</msgType>"));
        assertTrue(xml.contains("<category>Security</category>"));
        assertFalse(xml.contains("<language>"), "English text: CAP's default language");
        assertTrue(xml.contains("<urgency>Unknown</urgency>"));
        assertTrue(xml.contains("<severity>Unknown</severity>"));
        assertTrue(xml.contains("<certainty>Unknown</certainty>"));
        assertTrue(xml.contains("<value>VN-DRUG</value>"));
        assertFalse(xml.contains("<area>"));
    }

    /** Every date-time element of a message, with its text. */
    static List<String> times(String xml) {
        List<String> out = new ArrayList<>();
        var m = Pattern.compile("<(sent|effective|onset|expires)>([^<]*)</\\1>|<references>[^<]*,([^,<]*)</references>")
                .matcher(xml);
        while (m.find()) {
            out.add(m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    static String element(String xml, String name) {
        var m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void everyMessageExpiresAndEveryTimeHasAnOffset() {
        // no expires, effective or onset: a day after it was sent
        Map<String, Object> t = threat("""
                {"id":"0192f3e4-5b6c-7d8e-9f00-112233445566","version":1,"updatedAt":"2026-11-22T08:00:00.75Z",
                 "title":"Heroin trafficking route","hazardCode":"VN-DRUG","domain":"crime"}""");
        String xml = CapWriter.write(t, "hub.example");
        assertValid(xml);
        assertEquals("2026-11-23T08:00:00-00:00", element(xml, "expires"), xml);

        // the latest of sent, effective and onset, in the offset asked for
        t.put("effective", "2026-11-22T09:00:00Z");
        t.put("onset", "2026-11-24T00:00:00+07:00");
        xml = CapWriter.write(t, "hub.example", ZoneOffset.ofHours(7));
        assertValid(xml);
        assertEquals("2026-11-25T00:00:00+07:00", element(xml, "expires"), xml);

        // the threat's own expires wins
        t.put("expires", "2026-11-22T20:00:00Z");
        xml = CapWriter.write(t, "hub.example", ZoneOffset.ofHours(7));
        assertEquals("2026-11-23T03:00:00+07:00", element(xml, "expires"), xml);

        // a typhoon's update: sent, references, effective, onset, expires — all with an offset
        Map<String, Object> update = threat(TYPHOON);
        update.put("version", 2);
        for (ZoneOffset offset : List.of(ZoneOffset.UTC, ZoneOffset.ofHours(7), ZoneOffset.ofHoursMinutes(-3, -30))) {
            String message = CapWriter.write(update, "hub.lienthong.gov.vn", offset);
            assertValid(message);
            List<String> times = times(message);
            assertEquals(5, times.size(), message);
            times.forEach(time -> assertTrue(time.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-+]\\d\\d:\\d\\d"),
                    time + " in " + message));
        }
    }

    @Test
    void aCancelExpiresWhenTheThreatEnded() {
        Map<String, Object> t = threat(TYPHOON);
        t.put("version", 4);
        t.put("status", "ended");
        t.put("updatedAt", "2026-11-22T03:15:30Z");
        String xml = CapWriter.write(t, "hub.lienthong.gov.vn");
        assertValid(xml);
        assertTrue(xml.contains("<msgType>Cancel</msgType>"));
        assertEquals("2026-11-22T03:15:30-00:00", element(xml, "sent"));
        assertEquals("2026-11-22T03:15:30-00:00", element(xml, "expires"),
                "not the typhoon's own expires (2026-11-23): it is over");
        assertTrue(xml.contains("<references>hub.lienthong.gov.vn,lienthong:019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e:1,"
                + "2026-11-21T15:40:00-00:00</references>"), xml);
    }

    @Test
    void aDrillIsAnExerciseAndEverythingElseIsActual() throws Exception {
        Map<String, Object> t = threat(TYPHOON);
        assertEquals("Actual", element(CapWriter.write(t, "hub.example"), "status"));
        t.put("exercise", false);
        assertEquals("Actual", element(CapWriter.write(t, "hub.example"), "status"));
        t.put("exercise", true);
        String xml = CapWriter.write(t, "hub.example");
        assertValid(xml);
        assertEquals("Exercise", element(xml, "status"));
        CapAlert alert = CapParser.parseAlerts(xml.getBytes(UTF_8)).get(0);
        assertEquals("Exercise", alert.status());
    }

    @Test
    void webIsThePublicUrlOfTheAlertWhenThereIsOne() {
        Map<String, Object> t = threat(TYPHOON);
        assertFalse(CapWriter.write(t, "hub.example").contains("<web>"), "no public URL: no web");
        String url = "https://canhbao.example.gov.vn/api/v1/alerts/019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e?a=1&b=2";
        String xml = CapWriter.write(t, "hub.example", ZoneOffset.UTC, url);
        assertValid(xml);
        assertEquals(url.replace("&", "&amp;"), element(xml, "web"));
        assertThrows(IllegalArgumentException.class,
                () -> CapWriter.write(t, "hub.example", ZoneOffset.UTC, "/api/v1/alerts/x"), "relative");
        assertThrows(IllegalArgumentException.class,
                () -> CapWriter.write(t, "hub.example", ZoneOffset.UTC, "https://a b"), "not a URI");
    }

    @Test
    void deletedThreatsAreCancelledAndOddTextStaysValid() {
        Map<String, Object> t = threat(
                """
                        {"id":"0192f3e4-5b6c-7d8e-9f00-112233445566","version":5,"updatedAt":"2026-11-22T08:00:00Z",
                         "deleted":true,"title":"A <b>bold</b> & \\"quoted\\" 'title' \\u0001 ]]>","hazardCode":"EN0205",
                         "domain":"environment","riskLevel":9,"urgency":"Soon","responseTypes":["Run","Shelter"],
                         "areas":[{"description":"Line only","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}},
                                  {"description":"Short ring","geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4],[1,2]]]}}]}""");
        String xml = CapWriter.write(t, "hub.example");
        assertValid(xml);
        assertTrue(xml.contains("<msgType>Cancel</msgType>"));
        assertTrue(xml.contains("<category>Fire</category>"), "wildfires are CAP Fire");
        assertTrue(xml.contains("<event>A &lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\" 'title'  ]]&gt;</event>"), xml);
        assertFalse(xml.contains("riskLevel"), "9 is not a risk level");
        assertTrue(xml.contains("<urgency>Unknown</urgency>"));
        assertFalse(xml.contains("<responseType>Run"));
        assertFalse(xml.contains("<polygon>"));
        assertFalse(xml.contains("<references>"), "no createdAt: no reference");
    }

    @Test
    void everySampleMappedAndWrittenBackIsValidCap() throws Exception {
        for (String name : List.of("01_cap12_oasis-example2_severe-thunderstorm.xml",
                "06_cap12_environment-canada_cap-cp_thunderstorm.cap", "07_cap12_dwd-germany_wind-gusts.xml",
                "08_cap12_nsw-rfs_cap-au_fire.cap", "10_edxl-de1.0_nsw-rfs_bushfire_with-cap.edxlde")) {
            for (CapAlert alert : CapParser.parseAlerts(Fixtures.sample(name))) {
                Map<String, Object> t = map(Json.parse(Json.write(CapMapper.map(alert, "vn.x", "public", "r"))));
                t.put("id", "0192f3e4-5b6c-7d8e-9f00-112233445566");
                t.put("version", 1);
                t.put("updatedAt", "2026-11-22T08:00:00Z");
                assertValid(CapWriter.write(t, "hub.example"));
            }
        }
    }

    @Test
    void badInputIsRejected() {
        Map<String, Object> t = threat(TYPHOON);
        assertThrows(IllegalArgumentException.class, () -> CapWriter.write(t, "hub example"));
        assertThrows(IllegalArgumentException.class, () -> CapWriter.write(t, "a,b"));
        assertThrows(IllegalArgumentException.class,
                () -> CapWriter.write(t, "hub", ZoneOffset.ofHoursMinutesSeconds(7, 0, 30)));
        Map<String, Object> noVersion = threat(TYPHOON);
        noVersion.remove("version");
        assertThrows(IllegalArgumentException.class, () -> CapWriter.write(noVersion, "hub"));
        Map<String, Object> noTitle = threat(TYPHOON);
        noTitle.remove("title");
        assertThrows(IllegalArgumentException.class, () -> CapWriter.write(noTitle, "hub"));
    }
}
