package org.lienthong.hub.api.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.api.csv.CsvRecords.Row;
import org.lienthong.hub.api.json.Json;

class CsvRecordsTest {

    private static final String UUID_1 = "0192f3e4-5b6c-7d8e-9f00-112233445566";
    private static final String UUID_2 = "0192f3e4-5b6c-7d8e-9f00-aabbccddeeff";

    // --- reading

    @Test
    void readsAVietnameseSheetWithABomThroughAHeaderMapping() throws IOException {
        String sheet = "\uFEFFSTT,  tiêu đề ,Mã thiên tai,Lĩnh vực,Cấp độ rủi ro,Thời điểm xảy ra,Mã địa bàn,Mô tả,"
                + "Số người chết,Số người chết (ước tính),Hệ thống,Mã nguồn\r\n"
                + "1,Lũ quét Làng Nủ,MH0600,water,5,2024-09-10T06:30:00Z,15|15.085 | 15.085.03001,"
                + "\"Thôn Làng Nủ, xã Phúc Khánh\r\nhuyện Bảo Yên\",53,có,pcttdb,LQ-01\r\n"
                + "2,Sạt lở Mường Hum,MH0601,geology,,2024-09-11T01:00:00Z,15,,,,pcttdb,SL-02\r\n";
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("STT", "");
        // a mapping typed with decomposed Vietnamese letters still matches the sheet's composed header
        mapping.put(Normalizer.normalize("Tiêu đề", Normalizer.Form.NFD), "title");
        mapping.put("Mã thiên tai", "hazardCode");
        mapping.put("Lĩnh vực", "domain");
        mapping.put("cấp độ rủi ro", "riskLevel");
        mapping.put("Thời điểm xảy ra", "occurredAt");
        mapping.put("Mã địa bàn", "location.adminCodes");
        mapping.put("Mô tả", "location.description");
        mapping.put("Số người chết", "impacts.deaths");
        mapping.put("Số người chết (ước tính)", "impacts.deaths.estimated");
        mapping.put("Hệ thống", "sourceRef.system");
        mapping.put("Mã nguồn", "sourceRef.id");
        mapping.put("Cột không có trong tệp", "description");

        List<Row> rows = CsvRecords.fromCsv("incident", new StringReader(sheet), mapping);

        assertEquals(2, rows.size());
        Row first = rows.get(0);
        assertTrue(first.ok(), first.error());
        assertEquals(2, first.line());
        assertEquals(Json.parse("""
                {"sourceRef":{"system":"pcttdb","id":"LQ-01"},"title":"Lũ quét Làng Nủ","hazardCode":"MH0600",
                 "domain":"water","riskLevel":5,"occurredAt":"2024-09-10T06:30:00Z",
                 "location":{"description":"Thôn Làng Nủ, xã Phúc Khánh\\r\\nhuyện Bảo Yên",
                             "adminCodes":["15","15.085","15.085.03001"]},
                 "impacts":[{"metric":"deaths","value":53,"estimated":true}]}"""), first.record());
        assertEquals(
                List.of("sourceRef", "title", "hazardCode", "domain", "riskLevel", "occurredAt", "location", "impacts"),
                new ArrayList<>(first.record().keySet()), "members in canonical order");
        assertNull(first.text());

        Row second = rows.get(1);
        assertEquals(4, second.line(), "the first row's description spans lines 2 and 3");
        assertEquals(Json.parse("""
                {"sourceRef":{"system":"pcttdb","id":"SL-02"},"title":"Sạt lở Mường Hum","hazardCode":"MH0601",
                 "domain":"geology","occurredAt":"2024-09-11T01:00:00Z","location":{"adminCodes":["15"]}}"""),
                second.record());
    }

    @Test
    void badRowsAreReportedWithTheirLineWhileTheOthersAreRead() throws IOException {
        String sheet = "title,hazardCode,domain,riskLevel,sourceRef.id,Ghi chú\n" + "A,MH0309,climate,3,a1,\n"
                + "B,MH0309,climate,cao,b1,\n" + "C,MH0309,climate,2,c1,gọi lại sau\n" + "\"D,MH0309,climate,2,d1,\n"
                + "E,MH0309,climate,1,e1,\n";
        List<Row> rows = CsvRecords.fromCsv("threat", new StringReader(sheet), Map.of());

        assertEquals(List.of(2, 3, 4, 5, 6), rows.stream().map(Row::line).toList());
        assertTrue(rows.get(0).ok());
        assertEquals("A", rows.get(0).record().get("title"));
        assertEquals(new BigDecimal("3"), rows.get(0).record().get("riskLevel"));

        Row notANumber = rows.get(1);
        assertFalse(notANumber.ok());
        assertNull(notANumber.record());
        assertTrue(notANumber.error().startsWith("riskLevel: must be a number"), notANumber.error());
        assertTrue(notANumber.error().contains("'cao'"), notANumber.error());
        assertEquals("B,MH0309,climate,cao,b1,", notANumber.text());

        Row unknown = rows.get(2);
        assertTrue(unknown.error().contains("column 'Ghi chú' is not a field of a threat"), unknown.error());

        Row unterminated = rows.get(3);
        assertTrue(unterminated.error().contains("never closed"), unterminated.error());
        assertTrue(unterminated.text().startsWith("\"D,MH0309"));

        assertEquals("E", rows.get(4).record().get("title"));
    }

    @Test
    void aMappedColumnIsNamedByTheSheetsHeaderInErrors() throws IOException {
        List<Row> rows = CsvRecords.fromCsv("resource", new StringReader("Tên,Số lượng,Dự trữ\nPhao,nhiều,có lẽ\n"),
                Map.of("Tên", "name", "Số lượng", "quantity", "Dự trữ", "reserve"));
        String error = rows.get(0).error();
        assertTrue(error.contains("column 'Số lượng' (quantity): must be a number"), error);
        assertTrue(error.contains("column 'Dự trữ' (reserve): must be true or false, not 'có lẽ'"), error);
    }

    @Test
    void typesCellsPerTheSchema() throws IOException {
        String sheet = "name,pillar,category,quantity,available,reserve,location.geometry,assignment.incidentId\n"
                + "Xe,logistics,vehicle,12,+3.50,TRUE,\"{\"\"type\"\":\"\"Point\"\",\"\"coordinates\"\":[105.8,21.0]}\","
                + UUID_1 + "\n" + "Xe 2,logistics,vehicle,1E+3,0,không,,\n";
        List<Row> rows = CsvRecords.fromCsv("resource", new StringReader(sheet), null);
        Map<String, Object> r = rows.get(0).record();
        assertEquals(new BigDecimal("12"), r.get("quantity"));
        assertEquals(new BigDecimal("3.50"), r.get("available"));
        assertEquals(Boolean.TRUE, r.get("reserve"));
        assertEquals(Json.parse("{\"geometry\":{\"type\":\"Point\",\"coordinates\":[105.8,21.0]}}"), r.get("location"));
        assertEquals(Map.of("incidentId", UUID_1), r.get("assignment"));
        Map<String, Object> r2 = rows.get(1).record();
        assertEquals(new BigDecimal("1E+3"), r2.get("quantity"));
        assertEquals(Boolean.FALSE, r2.get("reserve"));
    }

    @Test
    void listsUseBarsOrJson() throws IOException {
        String sheet = "title,hazardCode,domain,responseTypes,alert.references,areas\n"
                + "A,MH0309,climate, Evacuate | Shelter ,\"[\"\"a|b\"\",\"\" c\"\"]\",\"[{\"\"description\"\":\"\"Hạ Long\"\"}]\"\n"
                + "B,MH0309,climate,Evacuate||Shelter,,\n" + "C,MH0309,climate,,,[{\n" + "D,MH0309,climate,[],,{}\n";
        List<Row> rows = CsvRecords.fromCsv("threat", new StringReader(sheet), Map.of());
        Map<String, Object> a = rows.get(0).record();
        assertEquals(List.of("Evacuate", "Shelter"), a.get("responseTypes"));
        assertEquals(Map.of("references", List.of("a|b", " c")), a.get("alert"));
        assertEquals(List.of(Map.of("description", "Hạ Long")), a.get("areas"));

        assertEquals("responseTypes: item 2 of the list is empty (items are separated by |)", rows.get(1).error());
        assertTrue(rows.get(2).error().startsWith("areas: must be a JSON array ([...]): invalid JSON at offset"),
                rows.get(2).error());
        assertEquals("areas: must be a JSON array ([...])", rows.get(3).error());
    }

    @Test
    void impactDetailsNeedTheirValue() throws IOException {
        String sheet = "title,hazardCode,domain,occurredAt,impacts.injured.unit,impacts\n"
                + "A,MH0600,water,2024-09-10T06:30:00Z,người,\n"
                + "B,MH0600,water,2024-09-10T06:30:00Z,,\"[{\"\"metric\"\":\"\"deaths\"\",\"\"value\"\":1}]\"\n";
        List<Row> rows = CsvRecords.fromCsv("incident", new StringReader(sheet), Map.of());
        assertEquals("impacts.injured.unit is given but impacts.injured (the value) is empty", rows.get(0).error());
        assertEquals(List.of(Map.of("metric", "deaths", "value", BigDecimal.ONE)), rows.get(1).record().get("impacts"));
    }

    @Test
    void hubSetColumnsAreIgnoredAndAnotherKindIsRefused() throws IOException {
        String sheet = "id,kind,version,createdAt,provenance.hash,Provenance.Author.Org,title,hazardCode,domain\n"
                + UUID_1 + ",threat,3,2024-01-01T00:00:00Z,abc,vn,A,MH0309,climate\n" + UUID_2
                + ",incident,1,,,,B,MH0309,climate\n";
        List<Row> rows = CsvRecords.fromCsv("threat", new StringReader(sheet), Map.of());
        assertEquals(Map.of("title", "A", "hazardCode", "MH0309", "domain", "climate"), rows.get(0).record());
        assertEquals("kind: this sheet holds threat records, not 'incident'", rows.get(1).error());
    }

    @Test
    void emptyRowsAndShortRowsAndExtraCells() throws IOException {
        String sheet = "title,hazardCode,domain,description\n" + ",,,\n" + "A,MH0309\n" + "B,MH0309,climate,,x\n"
                + "C,MH0309,climate,,,\n";
        List<Row> rows = CsvRecords.fromCsv("threat", new StringReader(sheet), Map.of());
        assertEquals(List.of(3, 4, 5), rows.stream().map(Row::line).toList());
        assertEquals(Map.of("title", "A", "hazardCode", "MH0309"), rows.get(0).record());
        assertEquals("the row has a value in column 5 but the header has only 4 columns", rows.get(1).error());
        assertTrue(rows.get(2).ok());
    }

    @Test
    void anUnknownColumnWithoutValuesAndAnEmptyHeaderAreHarmless() throws IOException {
        String sheet = "title,hazardCode,domain,Ghi chú,\n" + "A,MH0309,climate,,\n" + "B,MH0309,climate,,?\n";
        List<Row> rows = CsvRecords.fromCsv("threat", new StringReader(sheet), Map.of());
        assertTrue(rows.get(0).ok());
        assertTrue(rows.get(1).error().contains("column 'column 5 (no header)' is not a field"), rows.get(1).error());
    }

    @Test
    void anUnusableHeaderIsOneError() throws IOException {
        List<Row> twice = CsvRecords.fromCsv("threat", new StringReader("Tiêu đề,title\nA,B\n"),
                Map.of("Tiêu đề", "title"));
        assertEquals(1, twice.size());
        assertEquals(1, twice.get(0).line());
        assertEquals("columns 'Tiêu đề' and 'title' both give title; remove one or map it to \"\" to ignore it",
                twice.get(0).error());
        assertEquals("Tiêu đề,title", twice.get(0).text());

        List<Row> badTarget = CsvRecords.fromCsv("threat", new StringReader("Tiêu đề\nA\n"),
                Map.of("Tiêu đề", "titel"));
        assertTrue(
                badTarget.get(0).error().startsWith(
                        "header mapping: 'Tiêu đề' maps to 'titel', which is not a column" + " of a threat"),
                badTarget.get(0).error());

        List<Row> broken = CsvRecords.fromCsv("threat", new StringReader("\"title\nA\n"), Map.of());
        assertTrue(broken.get(0).error().startsWith("the header row: field 1"), broken.get(0).error());

        assertEquals(List.of(), CsvRecords.fromCsv("threat", new StringReader("\uFEFF"), Map.of()));
    }

    @Test
    void listsTheColumnsOfEachKind() {
        List<String> threat = CsvRecords.columns("threat");
        assertEquals(List.of("owner", "classification", "sourceRef.system", "sourceRef.id", "title"),
                threat.subList(0, 5));
        assertTrue(threat.containsAll(List.of("areas", "indicators", "alert.references", "riskLevel")));
        List<String> incident = CsvRecords.columns("incident");
        assertTrue(incident.containsAll(List.of("location.adminCodes", "location.geometry", "command.post", "impacts",
                "impacts.deaths", "impacts.economicLossVnd.asOf", "impacts.cropsHa.estimated")));
        assertTrue(CsvRecords.columns("resource").containsAll(List.of("assignment.incidentId", "reserve")));
        assertThrows(IllegalArgumentException.class, () -> CsvRecords.columns("event"));
    }

    // --- writing and round trips

    private static final String THREAT = """
            {"id":"%s","kind":"threat","version":3,"owner":"vn.qn","classification":"public",
             "sourceRef":{"system":"kttv","id":"BAO-2024-03"},
             "createdAt":"2024-09-05T01:00:00Z","updatedAt":"2024-09-06T02:00:00Z","deleted":false,
             "provenance":{"author":{"org":"vn.qn","subject":"user:an"},"activity":"update",
               "recordedAt":"2024-09-06T02:00:00Z","originHub":"central","hash":"abc","parents":["def"]},
             "title":"Bão số 3 (Yagi), \\"siêu bão\\"","description":"Dòng 1\\nDòng 2, có dấu phẩy",
             "instruction":"=Sơ tán ngay; - không ra biển","hazardCode":"MH0309","domain":"climate","status":"warning",
             "riskLevel":4,"urgency":"Immediate","severity":"Extreme","certainty":"Likely",
             "responseTypes":["Evacuate","Shelter"],"effective":"2024-09-06T00:00:00Z","onset":"2024-09-07T00:00:00Z",
             "expires":"2024-09-09T00:00:00Z",
             "areas":[{"description":"Quảng Ninh, Hải Phòng","adminCodes":["22","31"],
               "geometry":{"type":"Polygon","coordinates":[[[107.0,21.0],[108.0,21.0],[108.0,22.0],[107.0,21.0]]]}}],
             "indicators":[{"code":"wind","value":62.5,"unit":"m/s","observedAt":"2024-09-07T03:00:00Z"}],
             "alert":{"identifier":"VN-KTTV-2024-0003","sender":"kttv@nchmf.gov.vn","sent":"2024-09-06T00:00:00Z",
               "msgType":"Alert","references":["kttv@nchmf.gov.vn,VN-KTTV-2024-0001,2024-09-05T00:00:00Z"]}}"""
            .formatted(UUID_1);

    private static final String THREAT_2 = """
            {"sourceRef":{"system":"kttv","id":"ATND-7"},"title":"@Áp thấp nhiệt đới","hazardCode":"MH0306",
             "domain":"climate","responseTypes":[],"alert":{"identifier":"x","sender":"y","sent":"2024-01-01T00:00:00Z",
             "msgType":"Update","references":["a|b","  lề  "]}}""";

    private static final String INCIDENT = """
            {"id":"%s","version":1,"owner":"vn.yb","sourceRef":{"system":"pcttdb","id":"LQ-01"},
             "title":"Lũ quét Làng Nủ","description":"Làng Nủ, Phúc Khánh,\\r\\nBảo Yên","hazardCode":"MH0600",
             "domain":"water","threatIds":["%s"],"status":"responding","riskLevel":5,
             "occurredAt":"2024-09-10T06:30:00Z","reportedAt":"2024-09-10T08:00:00Z",
             "location":{"description":"Thôn Làng Nủ","adminCodes":["15","15.085","15.085.03001"],
               "geometry":{"type":"Point","coordinates":[104.2,22.30]}},
             "impacts":[{"metric":"deaths","value":53},
               {"metric":"missing","value":14,"asOf":"2024-09-12T00:00:00Z","estimated":false},
               {"metric":"housesDestroyed","value":37,"unit":"nhà","estimated":true},
               {"metric":"economicLossVnd","value":12500000000.50}],
             "command":{"post":"UBND xã Phúc Khánh","commanderOrg":"vn.yb","contact":"+84 912 345 678"},
             "resourceIds":["%s","%s"]}""".formatted(UUID_2, UUID_1, UUID_1, UUID_2);

    private static final String INCIDENT_2 = """
            {"sourceRef":{"system":"pcttdb","id":"SL-02"},"title":"Sạt lở","hazardCode":"MH0601","domain":"geology",
             "occurredAt":"2024-09-11T01:00:00Z",
             "impacts":[{"metric":"injured","value":3},{"metric":"deaths","value":1},{"metric":"injured","value":4}]}""";

    private static final String INCIDENT_3 = """
            {"sourceRef":{"system":"pcttdb","id":"SL-03"},"title":"Sạt lở 3","hazardCode":"MH0601","domain":"geology",
             "occurredAt":"2024-09-11T01:00:00Z","impacts":[{"metric":"deaths","value":2,"unit":"người"}]}""";

    private static final String RESOURCE = """
            {"owner":"vn.hn","classification":"internal","sourceRef":{"system":"kho-dtqg","id":"PAO-001"},
             "name":"Phao cứu sinh","pillar":"materials","category":"equipment","typeCode":"RM-LIFEJACKET",
             "quantity":1500,"available":1250.50,"unit":"chiếc","status":"available",
             "location":{"description":"Kho Cục Dự trữ, Hà Nội","adminCodes":["01"]},"reserve":true,
             "expiresAt":"2030-01-01T00:00:00Z","assignment":{"incidentId":"%s","since":"2024-09-10T09:00:00Z"},
             "contact":"-Kho 3 @ trực 24/7"}""".formatted(UUID_2);

    private static final String RESOURCE_2 = """
            {"sourceRef":{"system":"kho-dtqg","id":"XE-9"},"name":"Xuồng","pillar":"logistics","category":"vehicle",
             "quantity":1E+3,"available":0,"reserve":false}""";

    @Test
    void roundTripsThreats() throws IOException {
        roundTrip("threat", THREAT, THREAT_2);
    }

    @Test
    void roundTripsIncidents() throws IOException {
        roundTrip("incident", INCIDENT, INCIDENT_2, INCIDENT_3);
    }

    @Test
    void roundTripsResources() throws IOException {
        roundTrip("resource", RESOURCE, RESOURCE_2);
    }

    @SuppressWarnings("unchecked")
    private static void roundTrip(String kind, String... json) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String j : json) {
            records.add((Map<String, Object>) Json.parse(j));
        }
        StringWriter out = new StringWriter();
        CsvRecords.toCsv(kind, records, out, true);
        String csv = out.toString();
        assertTrue(csv.startsWith("\uFEFF"));
        assertFalse(csv.contains("\n=") || csv.contains(",=") || csv.contains(",@") || csv.contains(",-K"), csv);

        List<Row> rows = CsvRecords.fromCsv(kind, new StringReader(csv), Map.of());
        assertEquals(records.size(), rows.size(), csv);
        for (int i = 0; i < records.size(); i++) {
            Row row = rows.get(i);
            assertTrue(row.ok(), row.error());
            Map<String, Object> expected = new LinkedHashMap<>(records.get(i));
            List.of("id", "kind", "version", "createdAt", "updatedAt", "deleted", "provenance")
                    .forEach(expected::remove);
            assertEquals(expected, row.record(), csv);
        }
    }

    @Test
    void writesColumnsInCanonicalOrder() throws IOException {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = List.of((Map<String, Object>) Json.parse(INCIDENT),
                (Map<String, Object>) Json.parse(INCIDENT_2));
        StringWriter out = new StringWriter();
        CsvRecords.toCsv("incident", records, out);
        List<Csv.Record> lines = Csv.parse(out.toString());
        assertEquals(List.of("id", "version", "owner", "classification", "sourceRef.system", "sourceRef.id", "title",
                "description", "hazardCode", "domain", "threatIds", "status", "riskLevel", "occurredAt", "reportedAt",
                "endedAt", "location.description", "location.adminCodes", "location.geometry", "impacts",
                "impacts.deaths", "impacts.missing", "impacts.missing.asOf", "impacts.missing.estimated",
                "impacts.housesDestroyed", "impacts.housesDestroyed.unit", "impacts.housesDestroyed.estimated",
                "impacts.economicLossVnd", "command.post", "command.commanderOrg", "command.contact", "resourceIds"),
                lines.get(0).fields());
        List<String> first = lines.get(1).fields();
        assertEquals("15|15.085|15.085.03001", first.get(17));
        assertEquals("{\"type\":\"Point\",\"coordinates\":[104.2,22.30]}", first.get(18));
        assertEquals("", first.get(19));
        assertEquals("12500000000.50", first.get(27));
        assertEquals(UUID_1 + "|" + UUID_2, first.get(31));
        List<String> second = lines.get(2).fields();
        assertTrue(second.get(19).startsWith("[{\"metric\":\"injured\""), second.get(19));
        assertEquals("", second.get(20));
    }

    @Test
    void defusesFormulasInTheFileItself() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) Json
                .parse("{\"name\":\"=HYPERLINK(\\\"http://x\\\")\",\"pillar\":\"forces\",\"category\":\"team\","
                        + "\"quantity\":-5,\"contact\":\"@me\"}");
        StringWriter out = new StringWriter();
        CsvRecords.toCsv("resource", List.of(r), out);
        String row = out.toString().split("\r\n")[1];
        assertTrue(row.startsWith(",,,,\"'=HYPERLINK(\"\"http://x\"\")\","), row);
        assertTrue(row.contains(",-5,"), "numbers are not prefixed: " + row);
        assertTrue(row.endsWith(",'@me"), row);
    }

    @Test
    void refusesToExportWhatItCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> export("threat", "{\"title\":\"A\",\"colour\":\"red\"}"));
        assertThrows(IllegalArgumentException.class, () -> export("threat", "{\"riskLevel\":\"high\"}"));
        assertThrows(IllegalArgumentException.class,
                () -> export("resource", "{\"location\":{\"description\":\"x\",\"floor\":\"2\"}}"));
        assertThrows(IllegalArgumentException.class, () -> export("threat", "{\"kind\":\"incident\"}"));
        assertThrows(IllegalArgumentException.class, () -> export("event", "{}"));
    }

    @SuppressWarnings("unchecked")
    private static void export(String kind, String json) throws IOException {
        CsvRecords.toCsv(kind, List.of((Map<String, Object>) Json.parse(json)), new StringWriter());
    }

    @Test
    void anEmptyExportIsAHeader() throws IOException {
        StringWriter out = new StringWriter();
        CsvRecords.toCsv("resource", List.of(), out);
        assertEquals("owner,classification,sourceRef.system,sourceRef.id,name,pillar,category,typeCode,quantity,"
                + "available,unit,status,location.description,location.adminCodes,location.geometry,reserve,expiresAt,"
                + "assignment.incidentId,assignment.since,contact\r\n", out.toString());
    }
}
