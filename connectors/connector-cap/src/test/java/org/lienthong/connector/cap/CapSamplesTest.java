package org.lienthong.connector.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.cap.Fixtures.OWNER;
import static org.lienthong.connector.cap.Fixtures.list;
import static org.lienthong.connector.cap.Fixtures.map;
import static org.lienthong.connector.cap.Fixtures.sample;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lienthong.hub.api.json.Json;

/**
 * Every CAP sample in {@code src/test/resources/samples} (copies of {@code /work/shared/samples}), parsed and mapped,
 * with what each one gives asserted.
 *
 * <p>
 * Which map imperfectly, and why (also in {@code connectors/README.md}, "CAP connector"):
 * <ul>
 * <li>None carries a {@code UNDRR-ISC-HIP} event code, so every hazard code comes from a keyword or the category.</li>
 * <li>01 (NWS thunderstorm): SAME geocodes (006109 …) become admin codes, but they are US county codes, not Vietnamese
 * ones, and their scheme (SAME) is lost.</li>
 * <li>02 (TriNet earthquake Update): the original alert TRI13970876.1 is not in the samples, so the threat's source
 * reference is that never-seen root; urgency Past gives status ended; its circle has radius 0, so the area is a
 * Point.</li>
 * <li>03 (AMBER alert, en-US and es-US): the Spanish block is not used; CAP category Rescue has no HIP code, so the
 * hazard is VN-RESCUE in domain other, although a child abduction is a crime.</li>
 * <li>04 (DHS advisory): category Security has no HIP umbrella code: VN-SECURITY, domain crime; the HSAS colour ORANGE
 * is a parameter and is lost (riskLevel 4 comes from severity Severe).</li>
 * <li>05 (NOAA tsunami Update): its references name the sender "PAAQ" while its own sender is a URL, so its source
 * system (cap:http://newwcatwc.arh.noaa.gov/tsuPortal/) may differ from the original's; the tsunami is MH0705 in domain
 * geology (category Geo), although HIP files tsunamis under meteorological and hydrological hazards; the UGC codes are
 * US zones.</li>
 * <li>06 (Environment Canada CAP-CP, en-CA and fr-CA, a test message with status Actual): the French block is not used;
 * the Update references two earlier alerts, the earliest is the root; Past + AllClear give status ended; CLC and CAP-CP
 * location codes are kept without their schemes.</li>
 * <li>07 (DWD, German): no English or Vietnamese block, so the German one is used as it is; WINDBÖEN matches "wind"
 * (MH0301); WARNCELLID and the state code MV become admin codes; altitude and ceiling are lost.</li>
 * <li>08 (NSW RFS CAP-AU): two en-AU blocks that differ only in their geocode: only the first is used (the postcode
 * 2642 of the second is lost); the event code structure_fire gives TL0305 but the first category (Fire) gives domain
 * environment; the 25 km circle becomes a 32-vertex polygon.</li>
 * <li>09 (NWS Atom index): an index, not an alert; its entries link to CAP 1.1 alerts on weather.gov, which this
 * connector refuses (only CAP 1.2).</li>
 * <li>10 (EDXL-DE with seven NSW RFS alerts): each embedded alert is one threat; the motor-vehicle accident is filed by
 * RFS under category Fire, so it gets TL0405 (from "MVA" in its headline) but domain environment; circles of radius 0
 * become Points.</li>
 * </ul>
 */
class CapSamplesTest {

    private static List<Map<String, Object>> mapSample(String name) throws CapRefusal {
        List<Map<String, Object>> threats = new ArrayList<>();
        for (CapAlert alert : CapParser.parseAlerts(sample(name))) {
            Map<String, Object> threat = CapMapper.map(alert, OWNER, "public", CapMapper.defaultRoot(alert));
            // what the hub would store: the JSON text, read back
            Map<String, Object> roundTrip = map(Json.parse(Json.write(threat)));
            assertEquals(List.of(), ThreatRules.problems(roundTrip), name + " would be refused by the hub");
            threats.add(roundTrip);
        }
        return threats;
    }

    private static Map<String, Object> only(String name) throws CapRefusal {
        List<Map<String, Object>> threats = mapSample(name);
        assertEquals(1, threats.size());
        return threats.get(0);
    }

    private static void assertSourceRef(Map<String, Object> threat, String system, String id) {
        assertEquals(Map.of("system", system, "id", id), threat.get("sourceRef"));
    }

    private static List<Object> position(double lon, double lat) {
        return List.of(new BigDecimal(Double.toString(lon)), new BigDecimal(Double.toString(lat)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "01_cap12_oasis-example2_severe-thunderstorm.xml",
            "02_cap12_oasis-example3_earthquake-update.xml", "03_cap12_oasis-example4_amber-multilingual.xml",
            "04_cap12_oasis-example1_homeland-security.xml", "05_cap12_noaa-wcatwc_tsunami-warning.cap",
            "06_cap12_environment-canada_cap-cp_thunderstorm.cap", "07_cap12_dwd-germany_wind-gusts.xml",
            "08_cap12_nsw-rfs_cap-au_fire.cap", "10_edxl-de1.0_nsw-rfs_bushfire_with-cap.edxlde" })
    void everyCapSampleMapsToThreatsTheHubAccepts(String name) throws Exception {
        for (Map<String, Object> threat : mapSample(name)) {
            assertEquals(OWNER, threat.get("owner"));
            assertEquals("public", threat.get("classification"));
            assertTrue(((String) map(threat.get("sourceRef")).get("system")).startsWith("cap:"));
            assertTrue(threat.containsKey("effective"), "effective falls back to sent");
            assertEquals(map(threat.get("alert")).get("sent").toString().length(), "2003-06-17T21:57:00Z".length());
        }
    }

    @Test
    void sample01SevereThunderstormPolygonAndSameCodes() throws Exception {
        Map<String, Object> t = only("01_cap12_oasis-example2_severe-thunderstorm.xml");
        assertSourceRef(t, "cap:KSTO@NWS.NOAA.GOV", "KSTO1055887203");
        assertEquals("SEVERE THUNDERSTORM WARNING", t.get("title"));
        assertTrue(((String) t.get("description")).startsWith("AT 254 PM PDT"), "trimmed");
        assertEquals("TAKE COVER IN A SUBSTANTIAL SHELTER UNTIL THE STORM PASSES.", t.get("instruction"));
        assertEquals("MH0103", t.get("hazardCode")); // thunderstorm, from the event
        assertEquals("climate", t.get("domain"));
        assertEquals("warning", t.get("status"));
        assertEquals(new BigDecimal(4), t.get("riskLevel")); // Severe
        assertEquals("Immediate", t.get("urgency"));
        assertEquals("Severe", t.get("severity"));
        assertEquals("Observed", t.get("certainty"));
        assertEquals(List.of("Shelter"), t.get("responseTypes"));
        assertEquals("2003-06-17T21:57:00Z", t.get("effective")); // sent, -07:00 → UTC
        assertEquals("2003-06-17T23:00:00Z", t.get("expires"));
        assertNull(t.get("onset"));
        List<Object> areas = list(t.get("areas"));
        assertEquals(1, areas.size());
        Map<String, Object> area = map(areas.get(0));
        assertTrue(((String) area.get("description")).startsWith("EXTREME NORTH CENTRAL TUOLUMNE COUNTY"));
        assertEquals(List.of("006109", "006009", "006003"), area.get("adminCodes"));
        Map<String, Object> geometry = map(area.get("geometry"));
        assertEquals("Polygon", geometry.get("type"));
        List<Object> ring = list(list(geometry.get("coordinates")).get(0));
        assertEquals(5, ring.size());
        assertEquals(position(-120.14, 38.47), ring.get(0)); // "38.47,-120.14": lat,lon → lon,lat
        assertEquals(ring.get(0), ring.get(4));
        assertEquals(Map.of("identifier", "KSTO1055887203", "sender", "KSTO@NWS.NOAA.GOV", "sent",
                "2003-06-17T21:57:00Z", "msgType", "Alert", "references", List.of()), t.get("alert"));
    }

    @Test
    void sample02EarthquakeUpdateBelongsToTheReferencedAlert() throws Exception {
        Map<String, Object> t = only("02_cap12_oasis-example3_earthquake-update.xml");
        // imperfect: the referenced first message was never seen; its identifier is the root
        assertSourceRef(t, "cap:trinet@caltech.edu", "TRI13970876.1");
        assertEquals("EQ 3.4 Imperial County CA", t.get("title"));
        assertEquals("GH0101", t.get("hazardCode"));
        assertEquals("geology", t.get("domain"));
        assertEquals("ended", t.get("status")); // urgency Past
        assertEquals(new BigDecimal(2), t.get("riskLevel")); // Minor
        assertEquals("2003-06-12T03:56:00Z", t.get("effective"));
        assertFalse(t.containsKey("instruction"));
        Map<String, Object> area = map(list(t.get("areas")).get(0));
        assertFalse(area.containsKey("adminCodes"));
        // circle of radius 0: a point
        assertEquals(Map.of("type", "Point", "coordinates", position(-115.5527, 32.9525)), area.get("geometry"));
        Map<String, Object> alert = map(t.get("alert"));
        assertEquals("TRI13970876.2", alert.get("identifier"));
        assertEquals("Update", alert.get("msgType"));
        assertEquals(List.of("trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00"), alert.get("references"));
    }

    @Test
    void sample03MultilingualAmberAlertUsesTheEnglishBlock() throws Exception {
        Map<String, Object> t = only("03_cap12_oasis-example4_amber-multilingual.xml");
        assertSourceRef(t, "cap:KARO@CLETS.DOJ.CA.GOV", "KAR0-0306112239-SW");
        assertEquals("Amber Alert in Los Angeles County", t.get("title")); // en-US, not es-US
        assertEquals("VN-RESCUE", t.get("hazardCode")); // category Rescue: no HIP code
        assertEquals("other", t.get("domain"));
        assertEquals("warning", t.get("status"));
        assertEquals(new BigDecimal(4), t.get("riskLevel"));
        assertEquals("Likely", t.get("certainty"));
        assertEquals(List.of(Map.of("description", "Los Angeles County", "adminCodes", List.of("006037"))),
                t.get("areas"));
        assertFalse(t.containsKey("instruction"));
    }

    @Test
    void sample04HomelandSecurityIsACrimeDomainThreatWithoutArea() throws Exception {
        Map<String, Object> t = only("04_cap12_oasis-example1_homeland-security.xml");
        assertSourceRef(t, "cap:hsas@dhs.gov", "43b080713727");
        assertEquals("Homeland Security Sets Code ORANGE", t.get("title"));
        assertEquals("VN-SECURITY", t.get("hazardCode"));
        assertEquals("crime", t.get("domain"));
        assertEquals(new BigDecimal(4), t.get("riskLevel"));
        assertTrue(((String) t.get("instruction")).startsWith("A High Condition is declared"));
        assertEquals(List.of(Map.of("description", "U.S. nationwide and interests worldwide")), t.get("areas"));
        assertEquals("2003-04-02T19:39:01Z", t.get("effective"));
    }

    @Test
    void sample05TsunamiUpdate() throws Exception {
        Map<String, Object> t = only("05_cap12_noaa-wcatwc_tsunami-warning.cap");
        assertSourceRef(t, "cap:http://newwcatwc.arh.noaa.gov/tsuPortal/", "PAAQ-1-lqw6d6");
        assertTrue(((String) t.get("title")).startsWith("The tsunami Warning continues in effect"));
        assertEquals("MH0705", t.get("hazardCode"));
        assertEquals("geology", t.get("domain"));
        assertEquals("warning", t.get("status"));
        assertEquals(new BigDecimal(5), t.get("riskLevel")); // Extreme
        assertEquals(List.of("Prepare"), t.get("responseTypes"));
        assertEquals("2011-09-02T11:36:50Z", t.get("effective")); // "-00:00" is UTC
        assertEquals("2011-09-02T11:36:50Z", t.get("onset"));
        assertEquals("2011-09-02T12:36:50Z", t.get("expires"));
        Map<String, Object> area = map(list(t.get("areas")).get(0));
        assertEquals(List.of("AKZ185", "AKZ187"), area.get("adminCodes"));
        assertFalse(area.containsKey("geometry"));
        assertEquals(List.of("PAAQ,PAAQ-1-lqw6d6,2011-09-02T10:55:55-00:00"), map(t.get("alert")).get("references"));
    }

    @Test
    void sample06CanadianUpdateWithTwoReferencesAndTwoLanguages() throws Exception {
        Map<String, Object> t = only("06_cap12_environment-canada_cap-cp_thunderstorm.cap");
        // the earliest of the two referenced alerts is the root
        assertSourceRef(t, "cap:cap@ec.gc.ca", "2.49.0.1.124.a3f342a4.2012");
        assertEquals("severe thunderstorm watch", t.get("title")); // en-CA, not fr-CA
        assertEquals("MH0103", t.get("hazardCode"));
        assertEquals("climate", t.get("domain"));
        assertEquals("ended", t.get("status")); // Past, AllClear
        assertEquals(List.of("AllClear"), t.get("responseTypes"));
        assertEquals("2012-05-02T23:20:00Z", t.get("effective"));
        assertEquals("2012-05-03T00:20:00Z", t.get("expires"));
        List<Object> areas = list(t.get("areas"));
        assertEquals(2, areas.size());
        Map<String, Object> windsor = map(areas.get(0));
        assertEquals("Windsor - Leamington - Essex County", windsor.get("description"));
        assertEquals(List.of("041420", "3537001", "3537003", "3537013", "3537016", "3537028", "3537034", "3537039",
                "3537048", "3537064"), windsor.get("adminCodes"));
        List<Object> ring = list(list(map(windsor.get("geometry")).get("coordinates")).get(0));
        assertEquals(17, ring.size());
        assertEquals(position(-82.9314, 42.3481), ring.get(0));
        assertEquals(2, list(map(t.get("alert")).get("references")).size());
    }

    @Test
    void sample07GermanWarningKeepsItsLanguageAndWarnCells() throws Exception {
        Map<String, Object> t = only("07_cap12_dwd-germany_wind-gusts.xml");
        assertSourceRef(t, "cap:CAP@dwd.de", "2.49.0.1.276.DWD.PVW.1487857490473.4");
        assertEquals("Amtliche WARNUNG vor WINDBÖEN", t.get("title"));
        assertTrue(((String) t.get("description")).startsWith("Es treten Windböen"));
        assertFalse(t.containsKey("instruction"), "<instruction/> is empty");
        assertEquals("MH0301", t.get("hazardCode"));
        assertEquals("climate", t.get("domain"));
        assertEquals(new BigDecimal(2), t.get("riskLevel"));
        assertEquals(List.of("None"), t.get("responseTypes"));
        assertEquals("2017-02-23T13:45:00Z", t.get("effective"));
        assertEquals("2017-02-23T16:00:00Z", t.get("onset"));
        assertEquals("2017-02-24T11:00:00Z", t.get("expires"));
        List<Object> areas = list(t.get("areas"));
        assertEquals(20, areas.size());
        assertEquals(Map.of("description", "Kreis Mecklenburgische Seenplatte - Nord", "adminCodes",
                List.of("913071001", "MV")), areas.get(0));
        assertEquals("Müritz", map(areas.get(19)).get("description"));
    }

    @Test
    void sample08AustralianFireCircleBecomesAPolygon() throws Exception {
        Map<String, Object> t = only("08_cap12_nsw-rfs_cap-au_fire.cap");
        assertSourceRef(t, "cap:webmaster@rfs.nsw.gov.au", "tag:www.rfs.nsw.gov.au2011-10-06:40184");
        assertEquals("Yerong Creek Structure Fire", t.get("title"));
        assertEquals("TL0305", t.get("hazardCode")); // event code structure_fire
        assertEquals("environment", t.get("domain")); // first category Fire
        assertEquals(new BigDecimal(2), t.get("riskLevel"));
        assertEquals(List.of("Evacuate"), t.get("responseTypes"));
        assertEquals("2011-10-05T13:04:00Z", t.get("effective")); // +10:00
        // HTML line breaks in the description become line breaks
        assertTrue(((String) t.get("description")).startsWith("ALERT LEVEL: Not Applicable\nLOCATION: 12 Cox Street"));
        List<Object> areas = list(t.get("areas"));
        assertEquals(1, areas.size()); // the second en-AU block, with postcode 2642, is not used
        Map<String, Object> area = map(areas.get(0));
        assertEquals(List.of("AU-NSW"), area.get("adminCodes"));
        Map<String, Object> geometry = map(area.get("geometry"));
        assertEquals("Polygon", geometry.get("type"));
        assertEquals(CapMapper.CIRCLE_VERTICES + 1, list(list(geometry.get("coordinates")).get(0)).size());
    }

    @Test
    void sample09AtomIndexIsAFeedOfLinksToCap11Alerts() throws Exception {
        byte[] atom = sample("09_cap-atom-index_nws_2010.atom");
        var document = CapParser.read(atom);
        assertEquals(CapParser.Kind.ATOM, CapParser.kind(document));
        CapRefusal refusal = assertThrows(CapRefusal.class, () -> CapParser.parseAlerts(atom));
        assertTrue(refusal.reason().contains("{http://www.w3.org/2005/Atom}feed"), refusal.reason());
        List<Feeds.Entry> entries = Feeds.entries(document, URI.create("http://www.weather.gov/alerts-beta/"));
        assertEquals(2, entries.size());
        assertEquals(URI.create("http://www.weather.gov/alerts-beta/wwacapget.php?x=CT20100831030400OKXAirQuality"
                + "AlertOKX20100901031500CT"), entries.get(0).link());
        assertEquals("2010-08-30T23:04:00-04:00", entries.get(0).version());
        assertNull(entries.get(0).embedded());
    }

    @Test
    void sample10EdxlDistributionCarriesSevenAlerts() throws Exception {
        List<Map<String, Object>> threats = mapSample("10_edxl-de1.0_nsw-rfs_bushfire_with-cap.edxlde");
        assertEquals(7, threats.size());
        assertEquals(
                List.of("One Tree MVA (Unmapped Incident)", "Quinambyie", "Sturt NP - Middle Road", "Border Downs",
                        "Langs Rd Fire", "Alambie near Harden Golf Course", "Old Mill Bush Fire"),
                threats.stream().map(t -> t.get("title")).toList());
        assertEquals(List.of("TL0405", "EN0205", "EN0205", "EN0205", "EN0205", "EN0205", "EN0205"),
                threats.stream().map(t -> t.get("hazardCode")).toList());
        assertEquals(List.of(new BigDecimal(2), new BigDecimal(3), new BigDecimal(3), new BigDecimal(3),
                new BigDecimal(3), new BigDecimal(3), new BigDecimal(3)),
                threats.stream().map(t -> t.get("riskLevel")).toList());
        for (Map<String, Object> t : threats) {
            assertEquals("environment", t.get("domain"));
            Map<String, Object> area = map(list(t.get("areas")).get(0));
            assertEquals("Point", map(area.get("geometry")).get("type"));
            assertEquals(List.of("AU-NSW"), area.get("adminCodes"));
            assertEquals(map(t.get("sourceRef")).get("id"), map(t.get("alert")).get("identifier"));
        }
        assertEquals(Map.of("type", "Point", "coordinates", position(151.9576, -30.546)),
                map(map(list(threats.get(0).get("areas")).get(0)).get("geometry")));
    }
}
