package org.lienthong.connector.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.cap.Fixtures.list;
import static org.lienthong.connector.cap.Fixtures.map;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping rules one by one, on small hand-made alerts; geometry conversion. */
class CapMapperTest {

    private static CapAlert.Info info(String language, String category, String event, String headline,
            List<CapAlert.NamedValue> eventCodes, List<CapAlert.NamedValue> parameters, String severity) {
        return new CapAlert.Info(language, category == null ? List.of() : List.of(category), event, List.of(),
                "Expected", severity, "Likely", eventCodes, null, null, null, headline, null, null, parameters,
                List.of());
    }

    private static CapAlert.Info info(String language, String headline) {
        return info(language, "Met", "Storm", headline, List.of(), List.of(), "Severe");
    }

    private static CapAlert alert(String msgType, String references, CapAlert.Info... infos) {
        return new CapAlert("ID-2", "nchmf.gov.vn", "2026-11-21T22:40:00+07:00", "Actual", msgType, "Public",
                references, List.of(infos));
    }

    private static Map<String, Object> mapped(CapAlert alert) throws CapRefusal {
        Map<String, Object> threat = CapMapper.map(alert, "vn.nchmf", "internal", CapMapper.defaultRoot(alert));
        assertEquals(List.of(), ThreatRules.problems(threat));
        return threat;
    }

    // ------------------------------------------------------------------ which info

    @Test
    void vietnameseIsPreferredThenEnglishThenTheFirst() {
        CapAlert.Info fr = info("fr-CA", "Orage");
        CapAlert.Info en = info("en-US", "Storm");
        CapAlert.Info vi = info("vi", "Dông");
        CapAlert.Info viVn = info("VI-VN", "Dông mạnh");
        CapAlert.Info none = info(null, "Default language");
        assertEquals(vi, CapMapper.chooseInfo(List.of(fr, en, vi, viVn)));
        assertEquals(viVn, CapMapper.chooseInfo(List.of(fr, en, viVn)));
        assertEquals(en, CapMapper.chooseInfo(List.of(fr, en)));
        assertEquals(none, CapMapper.chooseInfo(List.of(fr, none)), "no language means en-US");
        assertEquals(fr, CapMapper.chooseInfo(List.of(fr, info("de-DE", "Gewitter"))));
        assertNull(CapMapper.chooseInfo(List.of()));
        assertEquals(en, CapMapper.chooseInfo(List.of(info("env", "not English"), en)), "'env' is not 'en'");
    }

    // ------------------------------------------------------------------ hazard code, domain, risk level, status

    @ParameterizedTest
    @CsvSource({ "Met,Bão số 9,,MH0309,climate", "Met,Lũ quét,,MH0603,water", "Met,Heavy flooding,,MH0600,water",
            "Geo,Sạt lở đất,,GH0300,geology", "Geo,Volcanic ash,,GH0101,geology", "Met,Something,,MH0301,climate",
            "Health,Dengue outbreak,,VN-HEALTH,health", "Infra,Power outage,,TL0207,energy",
            "Security,Ma túy,,VN-SECURITY,crime", "Env,Chemical spill,,TL0302,environment",
            "CBRNE,Radiation,,VN-CBRNE,environment", "Transport,Ferry,,VN-TRANSPORT,other",
            "Safety,Stampede,,VN-SAFETY,other", "Other,Unusual,,VN-OTHER,other", ",No category,,VN-OTHER,other",
            "Met,Storm,VN-DRUG,VN-DRUG,climate", "Met,Storm,mh0600,MH0600,water", "Met,Storm,not a code,MH0301,climate",
            "Fire,Bushfire,,EN0205,environment", "Geo,TSUNAMI WARNING,,MH0705,geology" })
    void hazardCodeAndDomain(String category, String event, String hip, String hazard, String domain) {
        List<CapAlert.NamedValue> codes = hip == null ? List.of()
                : List.of(new CapAlert.NamedValue("SAME", "XYZ"), new CapAlert.NamedValue("UNDRR-ISC-HIP", hip));
        CapAlert.Info info = info("en", category, event, null, codes, List.of(), "Minor");
        assertEquals(hazard, CapMapper.hazardCode(info));
        assertEquals(domain, CapMapper.domain(info, CapMapper.hazardCode(info)));
    }

    @Test
    void keywordsInTheEventWinOverTheHeadline() {
        CapAlert.Info info = info("en", "Met", "Thunderstorm", "Flood risk after storms", List.of(), List.of(),
                "Minor");
        assertEquals("MH0103", CapMapper.hazardCode(info));
        info = info("en", "Fire", "Fire", "Old Mill Bush Fire", List.of(), List.of(), "Minor");
        assertEquals("EN0205", CapMapper.hazardCode(info), "the headline is read when event and codes say nothing");
    }

    @Test
    void riskLevelFromTheParameterElseFromSeverity() {
        List<CapAlert.NamedValue> level = List.of(new CapAlert.NamedValue("VN-QD18-2021:riskLevel", " 3 "));
        assertEquals(3, CapMapper.riskLevel(info("vi", "Met", "Bão", null, List.of(), level, "Extreme")));
        List<CapAlert.NamedValue> bad = List.of(new CapAlert.NamedValue("VN-QD18-2021:riskLevel", "7"));
        assertEquals(5, CapMapper.riskLevel(info("vi", "Met", "Bão", null, List.of(), bad, "Extreme")));
        assertEquals(4, CapMapper.riskLevel(info("vi", "Met", "Bão", null, List.of(), List.of(), "Severe")));
        assertEquals(3, CapMapper.riskLevel(info("vi", "Met", "Bão", null, List.of(), List.of(), "Moderate")));
        assertEquals(2, CapMapper.riskLevel(info("vi", "Met", "Bão", null, List.of(), List.of(), "Minor")));
        assertNull(CapMapper.riskLevel(info("vi", "Met", "Bão", null, List.of(), List.of(), "Unknown")));
        assertNull(CapMapper.riskLevel(info("vi", "Met", "Bão", null, List.of(), List.of(), null)));
    }

    @Test
    void statusEndedForCancelPastOrAllClear() throws Exception {
        assertEquals("warning", mapped(alert("Alert", null, info("vi", "x"))).get("status"));
        assertEquals("warning", mapped(alert("Update", null, info("vi", "x"))).get("status"));
        assertEquals("ended", mapped(alert("Cancel", null, info("vi", "x"))).get("status"));
        CapAlert.Info past = new CapAlert.Info("vi", List.of("Met"), "Bão", List.of(), "Past", "Minor", "Observed",
                List.of(), null, null, null, "Bão đã tan", null, null, List.of(), List.of());
        assertEquals("ended", mapped(alert("Update", null, past)).get("status"));
        CapAlert.Info allClear = new CapAlert.Info("vi", List.of("Met"), "Bão", List.of("AllClear", "AllClear"),
                "Immediate", "Minor", "Very Likely", List.of(), null, null, null, "Hết nguy hiểm", null, null,
                List.of(), List.of());
        Map<String, Object> t = mapped(alert("Update", null, allClear));
        assertEquals("ended", t.get("status"));
        assertEquals(List.of("AllClear"), t.get("responseTypes"), "each once");
        assertEquals("Likely", t.get("certainty"), "CAP 1.0's Very Likely is Likely");
    }

    // ------------------------------------------------------------------ envelope, times, text

    @Test
    void envelopeAndAlertReference() throws Exception {
        Map<String, Object> t = mapped(alert("Update",
                "nchmf.gov.vn,ID-1,2026-11-21T20:00:00+07:00 nchmf.gov.vn,ID-0,2026-11-21T19:00:00+07:00",
                info("vi", "Bão")));
        assertEquals("vn.nchmf", t.get("owner"));
        assertEquals("internal", t.get("classification"));
        assertEquals(Map.of("system", "cap:nchmf.gov.vn", "id", "ID-0"), t.get("sourceRef"), "the earliest reference");
        assertEquals(Map.of("identifier", "ID-2", "sender", "nchmf.gov.vn", "sent", "2026-11-21T15:40:00Z", "msgType",
                "Update", "references",
                List.of("nchmf.gov.vn,ID-1,2026-11-21T20:00:00+07:00", "nchmf.gov.vn,ID-0,2026-11-21T19:00:00+07:00")),
                t.get("alert"));
    }

    @Test
    void timesBecomeUtcAndAnExpiryBeforeTheStartIsLeftOut() throws Exception {
        assertEquals("2026-11-21T15:40:00Z", CapMapper.timestamp("2026-11-21T22:40:00+07:00"));
        assertEquals("2011-09-02T11:36:50Z", CapMapper.timestamp("2011-09-02T11:36:50-00:00"));
        assertEquals("2011-09-02T11:36:50Z", CapMapper.timestamp("2011-09-02t11:36:50z"));
        assertEquals("2011-09-02T11:36:50.500Z", CapMapper.timestamp("2011-09-02T11:36:50.5Z"));
        assertNull(CapMapper.timestamp("2011-09-02 11:36"));
        assertNull(CapMapper.timestamp("2011-02-30T00:00:00Z"));

        CapAlert.Info info = new CapAlert.Info("vi", List.of("Met"), "Bão", List.of(), "Expected", "Severe", "Likely",
                List.of(), "2026-11-22T00:00:00+07:00", "not a time", "2026-11-21T23:00:00+07:00", "Bão", null, null,
                List.of(), List.of());
        Map<String, Object> t = mapped(alert("Alert", null, info));
        assertEquals("2026-11-21T17:00:00Z", t.get("effective"));
        assertFalse(t.containsKey("onset"));
        assertFalse(t.containsKey("expires"), "expires before effective would be refused by the hub");
    }

    @Test
    void textIsCleanedForTheHub() throws Exception {
        String longHeadline = "Cảnh báo ".repeat(100);
        CapAlert.Info info = new CapAlert.Info("vi", List.of("Met"), "Bão", List.of(), "Expected", "Severe", "Likely",
                List.of(), null, null, null, "  Bão\nsố 9\t\u0007 đổ bộ  ", "Dòng 1<br/>Dòng 2\r\nDòng 3\u0000", "   ",
                List.of(), List.of());
        Map<String, Object> t = mapped(alert("Alert", null, info));
        assertEquals("Bão số 9 đổ bộ", t.get("title"));
        assertEquals("Dòng 1\nDòng 2\nDòng 3", t.get("description"));
        assertFalse(t.containsKey("instruction"), "blank");

        CapAlert.Info longInfo = info("vi", longHeadline);
        String title = (String) mapped(alert("Alert", null, longInfo)).get("title");
        assertEquals(500, title.codePointCount(0, title.length()));
        assertTrue(title.endsWith("…"));
    }

    @Test
    void decomposedVietnameseIsComposed() throws Exception {
        String decomposed = java.text.Normalizer.normalize("Lũ quét", java.text.Normalizer.Form.NFD);
        CapAlert.Info info = info("vi", "Met", decomposed, decomposed, List.of(), List.of(), "Severe");
        Map<String, Object> t = mapped(alert("Alert", null, info));
        assertEquals("Lũ quét", t.get("title"));
        assertEquals("MH0603", t.get("hazardCode"));
    }

    @Test
    void whatCannotBeMappedIsRefusedWithAReason() {
        CapRefusal noInfo = assertThrows(CapRefusal.class,
                () -> mapped(alert("Cancel", "x,ID-1,2026-11-21T20:00:00Z")));
        assertTrue(noInfo.reason().startsWith("the Cancel has no <info> block"), noInfo.reason());

        CapAlert badSent = new CapAlert("ID", "s", "yesterday", "Actual", "Alert", "Public", null,
                List.of(info("vi", "x")));
        assertTrue(
                assertThrows(CapRefusal.class, () -> mapped(badSent)).reason().startsWith("<sent> is not a date-time"));

        CapAlert badType = new CapAlert("ID", "s", "2026-11-21T20:00:00Z", "Actual", "Notice", "Public", null,
                List.of(info("vi", "x")));
        assertTrue(assertThrows(CapRefusal.class, () -> mapped(badType)).reason().contains("is not a CAP 1.2 message"));

        CapAlert spaced = new CapAlert("ID 1", "s", "2026-11-21T20:00:00Z", "Actual", "Alert", "Public", null,
                List.of(info("vi", "x")));
        assertTrue(assertThrows(CapRefusal.class, () -> mapped(spaced)).reason().contains("contains spaces"));

        CapAlert.Info untitled = info("vi", "Met", null, null, List.of(), List.of(), "Minor");
        assertTrue(assertThrows(CapRefusal.class, () -> mapped(alert("Alert", null, untitled))).reason()
                .contains("neither <headline> nor <event>"));
    }

    // ------------------------------------------------------------------ areas and geometry

    @Test
    void polygonLatLonBecomesLonLatClosedAndCounterClockwise() {
        // clockwise on the map, not closed
        Map<String, Object> p = CapMapper.polygon("10.0,100.0 11.0,100.0 11.0,101.0 10.0,101.0");
        assertEquals("Polygon", p.get("type"));
        List<Object> ring = list(list(p.get("coordinates")).get(0));
        assertEquals(5, ring.size());
        assertEquals(ring.get(0), ring.get(4), "closed");
        for (Object position : ring) {
            BigDecimal lon = (BigDecimal) list(position).get(0);
            assertTrue(lon.compareTo(new BigDecimal(100)) >= 0, "longitude first: " + position);
        }
        // counter-clockwise: the shoelace sum is positive
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            List<Object> a = list(ring.get(i));
            List<Object> b = list(ring.get(i + 1));
            sum += ((BigDecimal) a.get(0)).doubleValue() * ((BigDecimal) b.get(1)).doubleValue()
                    - ((BigDecimal) b.get(0)).doubleValue() * ((BigDecimal) a.get(1)).doubleValue();
        }
        assertTrue(sum > 0);
        // numbers exactly as written
        assertTrue(ring.contains(List.of(new BigDecimal("101.0"), new BigDecimal("11.0"))));
    }

    @Test
    void anAlreadyClosedPolygonKeepsItsPositions() {
        Map<String, Object> p = CapMapper
                .polygon("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14");
        List<Object> ring = list(list(p.get("coordinates")).get(0));
        assertEquals(5, ring.size());
        assertEquals(List.of(new BigDecimal("-120.14"), new BigDecimal("38.47")), ring.get(0));
        assertEquals(List.of(new BigDecimal("-119.95"), new BigDecimal("38.34")), ring.get(1));
    }

    @Test
    void unusablePolygonsAreLeftOut() {
        assertNull(CapMapper.polygon("10,100 11,100 10,100"), "fewer than three distinct points");
        assertNull(CapMapper.polygon("100,10 101,10 101,11 100,10"), "latitude 100 is out of range");
        assertNull(CapMapper.polygon("10;100 11;100 11;101"), "not lat,lon pairs");
        assertNull(CapMapper.polygon("10,100 11,abc 11,101 10,100"));
    }

    @Test
    void circleIsAThirtyTwoVertexPolygonWithinOnePercentOfItsRadius() {
        double lat = 16.0544;
        double lon = 108.2022; // Đà Nẵng
        double radius = 25.0;
        Map<String, Object> c = CapMapper.circle(lat + "," + lon + " " + radius);
        assertEquals("Polygon", c.get("type"));
        List<Object> ring = list(list(c.get("coordinates")).get(0));
        assertEquals(CapMapper.CIRCLE_VERTICES + 1, ring.size());
        assertEquals(ring.get(0), ring.get(ring.size() - 1));
        for (Object vertex : ring) {
            List<Object> v = list(vertex);
            double d = haversineKm(lat, lon, ((BigDecimal) v.get(1)).doubleValue(),
                    ((BigDecimal) v.get(0)).doubleValue());
            assertEquals(radius, d, radius * 0.01, "vertex " + v);
        }
        // the first vertex is due north of the centre
        assertEquals(lon, ((BigDecimal) list(ring.get(0)).get(0)).doubleValue(), 1e-6);
        assertTrue(((BigDecimal) list(ring.get(0)).get(1)).doubleValue() > lat);
    }

    @Test
    void circlesNearThePoleAndTinyOnesStayWithinOnePercent() {
        for (String circle : List.of("-35.3888,147.0598 25.0", "70.5,-20.25 300", "0,179.99 5", "10,10 0.05")) {
            String[] parts = circle.split("[ ,]");
            double lat = Double.parseDouble(parts[0]);
            double lon = Double.parseDouble(parts[1]);
            double radius = Double.parseDouble(parts[2]);
            for (Object vertex : list(list(CapMapper.circle(circle).get("coordinates")).get(0))) {
                List<Object> v = list(vertex);
                double vlon = ((BigDecimal) v.get(0)).doubleValue();
                assertTrue(Math.abs(vlon) <= 180);
                assertEquals(radius, haversineKm(lat, lon, ((BigDecimal) v.get(1)).doubleValue(), vlon), radius * 0.01,
                        circle);
            }
        }
    }

    @Test
    void zeroRadiusIsAPointAndBadCirclesAreLeftOut() {
        assertEquals(
                Map.of("type", "Point", "coordinates", List.of(new BigDecimal("-115.5527"), new BigDecimal("32.9525"))),
                CapMapper.circle("32.9525,-115.5527 0"));
        assertNull(CapMapper.circle("32.9525,-115.5527"));
        assertNull(CapMapper.circle("32.9525,-115.5527 -1"));
        assertNull(CapMapper.circle("95,0 1"));
    }

    @Test
    void anAreaWithSeveralShapesAndCodes() throws Exception {
        CapAlert.Area area = new CapAlert.Area("Hai vùng",
                List.of("15,108 15.5,108 15.5,108.5 15,108", "16,108 16.5,108 16.5,108.5 16,108"),
                List.of("16.05,108.2 0"),
                List.of(new CapAlert.NamedValue("VN-ADMIN", "48 49"), new CapAlert.NamedValue("VN-ADMIN", "48"),
                        new CapAlert.NamedValue("FIPS", "not/a/code"), new CapAlert.NamedValue("X", "ok.code_1-2")));
        CapAlert.Info info = new CapAlert.Info("vi", List.of("Met"), "Bão", List.of(), "Expected", "Severe", "Likely",
                List.of(), null, null, null, "Bão", null, null, List.of(), List.of(area, area));
        Map<String, Object> t = mapped(alert("Alert", null, info));
        Map<String, Object> a = map(list(t.get("areas")).get(0));
        assertEquals(List.of("48", "49", "ok.code_1-2"), a.get("adminCodes"));
        Map<String, Object> g = map(a.get("geometry"));
        assertEquals("GeometryCollection", g.get("type"));
        List<Object> parts = list(g.get("geometries"));
        assertEquals("MultiPolygon", map(parts.get(0)).get("type"));
        assertEquals(2, list(map(parts.get(0)).get("coordinates")).size());
        assertEquals("Point", map(parts.get(1)).get("type"));

        CapAlert.Area polygons = new CapAlert.Area("x", area.polygons(), List.of(), List.of());
        assertEquals("MultiPolygon", CapMapper.areaGeometry(polygons).get("type"));
        CapAlert.Area points = new CapAlert.Area("x", List.of(), List.of("1,1 0", "2,2 0"), List.of());
        assertEquals("MultiPoint", CapMapper.areaGeometry(points).get("type"));
        assertNull(CapMapper.areaGeometry(new CapAlert.Area("x", List.of(), List.of(), List.of())));
    }

    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2)
                + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * CapMapper.EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
    }
}
