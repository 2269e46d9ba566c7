package org.lienthong.connector.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.csv.Fixtures.SHEET;
import static org.lienthong.connector.csv.Fixtures.config;
import static org.lienthong.connector.csv.Fixtures.open;
import static org.lienthong.connector.csv.Fixtures.poll;
import static org.lienthong.connector.csv.Fixtures.refusals;
import static org.lienthong.connector.csv.Fixtures.upserts;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.connector.SourceItem;
import org.lienthong.hub.api.json.Json;

/** Files dropped in a directory, read through a file URL. */
class CsvSourceFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String content, Instant modified) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private SourceConnector source(Object... overrides) throws ConnectorException {
        return open(config(dir.toUri().toString(), overrides), Fixtures.context());
    }

    @Test
    void readsAVietnameseSheetWithABomRowByRow() throws Exception {
        write("kho.csv", SHEET, T0);
        try (SourceConnector source = source()) {
            SourceBatch batch = poll(source, null);
            assertFalse(batch.more());
            assertEquals(5, batch.items().size());

            List<SourceItem.Upsert> upserts = upserts(batch);
            assertEquals(List.of("kho.csv:line 2", "kho.csv:line 3", "kho.csv:line 5"),
                    upserts.stream().map(SourceItem.Upsert::description).toList());
            upserts.forEach(u -> assertEquals("resource", u.kind()));
            assertEquals("{\"owner\":\"vn.hn\",\"sourceRef\":{\"system\":\"kho-hn\",\"id\":\"PAO-001\"},"
                    + "\"name\":\"Phao cứu sinh\",\"pillar\":\"materials\",\"category\":\"equipment\",\"quantity\":1500,"
                    + "\"available\":1250,\"unit\":\"chiếc\",\"location\":{\"adminCodes\":[\"01\",\"01.001\"]},"
                    + "\"reserve\":true}", upserts.get(0).json());
            assertEquals("Xuồng cao tốc, 40 CV", ((Map<?, ?>) Json.parse(upserts.get(1).json())).get("name"));
            assertEquals("Nhà bạt\r\ncứu sinh", ((Map<?, ?>) Json.parse(upserts.get(2).json())).get("name"));

            List<SourceItem.Refused> refused = refusals(batch);
            assertEquals(2, refused.size());
            SourceItem.Refused notANumber = refused.get(0);
            assertEquals("kho.csv:line 4", notANumber.description());
            assertEquals("3,Lều bạt,materials,supply,nhiều,,bộ,01,có,LEU-03", notANumber.payload());
            assertTrue(notANumber.reason().startsWith("column 'Số lượng' (quantity): must be a number"),
                    notANumber.reason());

            SourceItem.Refused noId = refused.get(1);
            assertEquals("kho.csv:line 7", noId.description());
            assertTrue(noId.reason().startsWith("the row has no sourceRef.id"), noId.reason());
            assertTrue(noId.payload().contains("\"name\":\"Mì tôm\""), noId.payload());
        }
    }

    @Test
    void anUnchangedFileIsNotImportedTwiceAndAChangedOneIsReadAgain() throws Exception {
        Path file = write("kho.csv", SHEET, T0);
        try (SourceConnector source = source()) {
            SourceBatch first = poll(source, null);
            assertEquals(5, first.items().size());

            SourceBatch again = poll(source, first.checkpoint());
            assertEquals(List.of(), again.items());
            assertFalse(again.more());

            // a new instance (after a restart) with the stored checkpoint reads nothing either
            try (SourceConnector restarted = source()) {
                assertEquals(List.of(), poll(restarted, again.checkpoint()).items());
            }

            write("kho.csv", SHEET.replace("1500,1250", "1500,900"), T0.plusSeconds(60));
            SourceBatch changed = poll(source, again.checkpoint());
            assertEquals(5, changed.items().size());
            assertTrue(upserts(changed).get(0).json().contains("\"available\":900"));
            assertEquals(List.of(), poll(source, changed.checkpoint()).items());

            Files.delete(file);
            SourceBatch gone = poll(source, changed.checkpoint());
            assertEquals(List.of(), gone.items());
            assertEquals(Map.of(), ((Map<?, ?>) Json.parse(gone.checkpoint())).get("files"));
        }
    }

    @Test
    void readsEveryCsvFileOfTheDirectoryOldestFirst() throws Exception {
        String header = "Tên,Trụ cột,Loại,Số lượng,Mã kho\n";
        write("b-moi.csv", header + "Xe cứu thương,logistics,vehicle,2,XE-2\n", T0.plusSeconds(10));
        write("a-cu.CSV", header + "Xe tải,logistics,vehicle,5,XE-1\n", T0);
        write("ghi-chu.txt", "not a sheet", T0);
        write(".~lock.b-moi.csv#", "lock", T0);
        write("~$b-moi.csv", "excel owner file", T0);
        Files.createDirectory(dir.resolve("cu.csv"));
        try (SourceConnector source = source()) {
            SourceBatch batch = poll(source, null);
            assertEquals(List.of("a-cu.CSV:line 2", "b-moi.csv:line 2"),
                    upserts(batch).stream().map(SourceItem.Upsert::description).toList());

            write("c.csv", header + "Xuồng,logistics,vehicle,1,XUONG-1\n", T0.plusSeconds(20));
            SourceBatch next = poll(source, batch.checkpoint());
            assertEquals(List.of("c.csv:line 2"),
                    next.items().stream().map(i -> ((SourceItem.Upsert) i).description()).toList());
        }
    }

    @Test
    void readsOneFileNamedByTheUrl() throws Exception {
        Path file = write("kho.csv", SHEET, T0);
        write("other.csv", SHEET, T0);
        try (SourceConnector source = open(config(file.toUri().toString()), Fixtures.context())) {
            SourceBatch batch = poll(source, null);
            assertEquals(5, batch.items().size());
            assertTrue(batch.items().stream().allMatch(i -> describe(i).startsWith("kho.csv:")));
        }
    }

    private static String describe(SourceItem item) {
        return item instanceof SourceItem.Upsert u ? u.description() : ((SourceItem.Refused) item).description();
    }

    @Test
    void aFileStillBeingWrittenIsLeftForLater() throws Exception {
        write("a.csv", SHEET, T0);
        Path late = write("b.csv", SHEET, Instant.now().plus(Duration.ofHours(1)));
        try (SourceConnector source = source()) {
            SourceBatch batch = poll(source, null);
            assertTrue(batch.items().stream().allMatch(i -> describe(i).startsWith("a.csv:")));
            assertEquals(5, batch.items().size());

            Files.setLastModifiedTime(late, FileTime.from(T0.plusSeconds(5)));
            SourceBatch later = poll(source, batch.checkpoint());
            assertEquals(5, later.items().size());
            assertTrue(later.items().stream().allMatch(i -> describe(i).startsWith("b.csv:")));
        }
    }

    @Test
    void aLargeFileIsImportedOverSeveralBatches() throws Exception {
        StringBuilder sb = new StringBuilder("name,pillar,category,quantity,sourceRef.id\n");
        int rows = CsvSource.MAX_ITEMS + 120;
        for (int i = 1; i <= rows; i++) {
            sb.append("Bao cát ").append(i).append(",materials,supply,").append(i).append(",BC-").append(i)
                    .append('\n');
        }
        write("bao-cat.csv", sb.toString(), T0);
        write("z.csv", "name,pillar,category,quantity,sourceRef.id\nX,forces,team,1,Z-1\n", T0.plusSeconds(1));
        try (SourceConnector source = source("headerMapping", List.of())) {
            SourceBatch first = poll(source, null);
            assertTrue(first.more());
            assertEquals(CsvSource.MAX_ITEMS, first.items().size());
            assertEquals("bao-cat.csv:line " + (CsvSource.MAX_ITEMS + 1),
                    describe(first.items().get(CsvSource.MAX_ITEMS - 1)));

            SourceBatch second = poll(source, first.checkpoint());
            assertFalse(second.more());
            assertEquals(121, second.items().size());
            assertEquals("bao-cat.csv:line " + (CsvSource.MAX_ITEMS + 2), describe(second.items().get(0)));
            assertEquals("z.csv:line 2", describe(second.items().get(120)));

            assertEquals(List.of(), poll(source, second.checkpoint()).items());
        }
    }

    @Test
    void changingTheConfigurationReadsTheFilesAgain() throws Exception {
        write("kho.csv", SHEET, T0);
        String checkpoint;
        try (SourceConnector source = source()) {
            checkpoint = poll(source, null).checkpoint();
        }
        try (SourceConnector reconfigured = source("owner", "vn.hn.ba-dinh")) {
            SourceBatch batch = poll(reconfigured, checkpoint);
            assertEquals(5, batch.items().size());
            assertTrue(upserts(batch).get(0).json().startsWith("{\"owner\":\"vn.hn.ba-dinh\""));
        }
        try (SourceConnector fresh = source()) {
            assertEquals(5, poll(fresh, "{not json").items().size(), "a foreign checkpoint starts over");
        }
    }

    @Test
    void rowValuesWinOverTheConfiguredDefaults() throws Exception {
        write("kho.csv", "name,pillar,category,quantity,owner,classification,sourceRef.system,sourceRef.id\n"
                + "A,forces,team,1,vn.moh,restricted,bo-y-te,A-1\n" + "B,forces,team,1,,,,B-1\n", T0);
        try (SourceConnector source = source("headerMapping", List.of(), "classification", "public")) {
            List<SourceItem.Upsert> upserts = upserts(poll(source, null));
            assertTrue(upserts.get(0).json().startsWith(
                    "{\"owner\":\"vn.moh\",\"classification\":\"restricted\",\"sourceRef\":{\"system\":\"bo-y-te\""),
                    upserts.get(0).json());
            assertTrue(upserts.get(1).json().startsWith(
                    "{\"owner\":\"vn.hn\",\"classification\":\"public\",\"sourceRef\":{\"system\":\"kho-hn\",\"id\":\"B-1\"}"),
                    upserts.get(1).json());
        }
    }

    @Test
    void aRowWithoutASourceSystemIsRefusedWhenNoneIsConfigured() throws Exception {
        write("kho.csv", "name,pillar,category,quantity,sourceRef.id\nA,forces,team,1,A-1\n", T0);
        try (SourceConnector source = source("headerMapping", List.of(), "sourceSystem", null)) {
            SourceItem.Refused r = refusals(poll(source, null)).get(0);
            assertEquals("kho.csv:line 2", r.description());
            assertTrue(r.reason().contains("no sourceRef.system"), r.reason());
        }
    }

    @Test
    void aBadHeaderOrAFileThatIsNotUtf8IsRefusedOnce() throws Exception {
        write("trung.csv", "Tên,name\nA,B\n", T0);
        Path legacy = dir.resolve("cu.csv");
        Files.write(legacy, "Tên,Số lượng\nPhao,1\n".getBytes(Charset.forName("windows-1258")));
        Files.setLastModifiedTime(legacy, FileTime.from(T0.plusSeconds(1)));
        try (SourceConnector source = source()) {
            SourceBatch batch = poll(source, null);
            List<SourceItem.Refused> refused = refusals(batch);
            assertEquals(2, batch.items().size());
            assertEquals("trung.csv:line 1", refused.get(0).description());
            assertTrue(refused.get(0).reason().startsWith("columns 'Tên' and 'name' both give name"),
                    refused.get(0).reason());
            assertEquals("cu.csv", refused.get(1).description());
            assertTrue(refused.get(1).reason().startsWith("the file is not UTF-8 text (invalid byte at offset 1)"),
                    refused.get(1).reason());

            assertEquals(List.of(), poll(source, batch.checkpoint()).items());
        }
    }

    @Test
    void aMissingDirectoryNeedsAnOperator() throws Exception {
        try (SourceConnector source = open(config(dir.resolve("missing").toUri().toString()), Fixtures.context())) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> poll(source, null));
            assertFalse(e.transientFailure());
            assertTrue(e.getMessage().startsWith("there is no file or directory "), e.getMessage());
        }
    }

    @Test
    void anEmptyDirectoryGivesAnEmptyBatch() throws Exception {
        try (SourceConnector source = source()) {
            SourceBatch batch = poll(source, null);
            assertEquals(List.of(), batch.items());
            assertFalse(batch.more());
            assertEquals(Duration.ofSeconds(300), source.interval());
        }
    }
}
