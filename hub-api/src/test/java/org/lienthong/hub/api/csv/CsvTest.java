package org.lienthong.hub.api.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {

    // --- reading

    @Test
    void readsQuotedCommasQuotesAndLineBreaksWithPhysicalLineNumbers() {
        String text = "a,b,c\r\n" + "1,\"Bão số 3, Quảng Ninh\",\"say \"\"hi\"\"\"\r\n"
                + "2,\"dòng một\r\ndòng hai\ndòng ba\",x\n" + "3,,\"\"\n";
        List<Csv.Record> records = Csv.parse(text);
        assertEquals(4, records.size());
        assertEquals(List.of("a", "b", "c"), records.get(0).fields());
        assertEquals(1, records.get(0).line());
        assertEquals(List.of("1", "Bão số 3, Quảng Ninh", "say \"hi\""), records.get(1).fields());
        assertEquals(2, records.get(1).line());
        assertEquals(List.of("2", "dòng một\r\ndòng hai\ndòng ba", "x"), records.get(2).fields());
        assertEquals(3, records.get(2).line());
        assertEquals(List.of("3", "", ""), records.get(3).fields());
        assertEquals(6, records.get(3).line(), "the quoted field spanned lines 3-5");
        records.forEach(r -> assertTrue(r.ok()));
    }

    @Test
    void skipsAByteOrderMarkAndBlankLinesAndAcceptsLoneCrAndNoFinalLineEnd() {
        List<Csv.Record> records = Csv.parse("\uFEFFtên,mã\r\n\r\n\nA,1\rB,2");
        assertEquals(List.of("tên", "mã"), records.get(0).fields());
        assertEquals(List.of(1, 4, 5), records.stream().map(Csv.Record::line).toList());
        assertEquals(List.of("B", "2"), records.get(2).fields());
    }

    @Test
    void onlyTheLeadingByteOrderMarkIsSkipped() {
        List<Csv.Record> records = Csv.parse("a\n\uFEFFb\n");
        assertEquals("\uFEFFb", records.get(1).fields().get(0));
    }

    @Test
    void anEmptyInputHasNoRecords() throws IOException {
        assertEquals(List.of(), Csv.parse(""));
        assertEquals(List.of(), Csv.parse("\uFEFF\r\n\n"));
        try (Csv.Reader r = Csv.reader(new StringReader(""))) {
            assertNull(r.next());
            assertNull(r.next());
        }
    }

    @Test
    void aStrayQuoteSpoilsItsRecordOnly() {
        List<Csv.Record> records = Csv.parse("a,b\n1,ab\"c\n2,\"x\"y,z\n3,ok\n");
        assertEquals(4, records.size());
        Csv.Record bad = records.get(1);
        assertFalse(bad.ok());
        assertEquals(2, bad.line());
        assertTrue(bad.error().startsWith("field 2: a quote"), bad.error());
        assertEquals(List.of(), bad.fields());
        assertEquals("1,ab\"c", bad.text());

        Csv.Record after = records.get(2);
        assertEquals(3, after.line());
        assertTrue(after.error().startsWith("field 2: 'y' after the closing quote"), after.error());

        assertEquals(List.of("3", "ok"), records.get(3).fields());
        assertEquals(4, records.get(3).line());
    }

    @Test
    void anUnterminatedQuoteIsReportedAndTheFollowingLinesAreReadAgain() {
        List<Csv.Record> records = Csv.parse("a,b\r\n1,\"Bão số 3\r\n2,Lũ quét\r\n3,Sạt lở\r\n");
        assertEquals(4, records.size());
        Csv.Record bad = records.get(1);
        assertEquals(2, bad.line());
        assertTrue(bad.error().contains("never closed"), bad.error());
        assertTrue(bad.error().contains("line 2"), bad.error());
        assertTrue(bad.text().startsWith("1,\"Bão số 3"), bad.text());
        assertEquals(List.of("2", "Lũ quét"), records.get(2).fields());
        assertEquals(3, records.get(2).line());
        assertEquals(List.of("3", "Sạt lở"), records.get(3).fields());
        assertEquals(4, records.get(3).line());
    }

    @Test
    void anUnterminatedQuoteOnTheLastLine() {
        List<Csv.Record> records = Csv.parse("a\n\"x");
        assertEquals(2, records.size());
        assertFalse(records.get(1).ok());
        assertEquals(2, records.get(1).line());
    }

    @Test
    void limitsFieldSizeAndColumnsPerRecord() throws IOException {
        String text = "ab,cd\n" + "abc,d\n" + "\"abcd\",e\n" + "a,b,c\n" + "x,y\n";
        List<Csv.Record> records = new ArrayList<>();
        try (Csv.Reader r = Csv.reader(new StringReader(text), 2, 2)) {
            for (Csv.Record rec = r.next(); rec != null; rec = r.next()) {
                records.add(rec);
            }
        }
        assertTrue(records.get(0).ok());
        assertEquals("field 1 is longer than 2 characters", records.get(1).error());
        assertEquals("field 1 is longer than 2 characters", records.get(2).error());
        assertEquals("the record has more than 2 fields", records.get(3).error());
        assertEquals(List.of("x", "y"), records.get(4).fields());
        assertEquals(5, records.get(4).line());
        assertThrows(IllegalArgumentException.class, () -> Csv.reader(new StringReader(""), 0, 1));
    }

    @Test
    void keepsOnlyAnExcerptOfAHugeRecord() {
        String big = "x".repeat(10_000);
        Csv.Record r = Csv.parse("\"" + big + "\n").get(0);
        assertFalse(r.ok());
        assertTrue(r.text().length() <= Csv.MAX_TEXT + 1);
        assertTrue(r.text().endsWith("…"));
    }

    @Test
    void readsInputLargerThanItsBuffer() {
        StringBuilder sb = new StringBuilder("n,text\n");
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(",\"dòng ").append(i).append("\ntiếp\"\n");
        }
        List<Csv.Record> records = Csv.parse(sb.toString());
        assertEquals(5001, records.size());
        assertEquals(List.of("4999", "dòng 4999\ntiếp"), records.get(5000).fields());
        assertEquals(2 + 2 * 4999, records.get(5000).line());
    }

    // --- writing

    @Test
    void quotesOnlyWhenNeededAndEndsRecordsWithCrlf() throws IOException {
        StringWriter out = new StringWriter();
        Csv.Writer w = Csv.writer(out);
        w.write(List.of("tiêu đề", "a,b", "say \"hi\"", "two\nlines", ""));
        w.write(java.util.Arrays.asList("x", null, "\uFEFFy"));
        w.write(List.of(""));
        w.flush();
        assertEquals("tiêu đề,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n" + "x,,\"\uFEFFy\"\r\n" + "\"\"\r\n",
                out.toString());
        assertThrows(IllegalArgumentException.class, () -> w.write(List.of()));
    }

    @Test
    void writesAByteOrderMarkOnlyWhenAsked() throws IOException {
        StringWriter plain = new StringWriter();
        Csv.writer(plain).write(List.of("a"));
        assertEquals("a\r\n", plain.toString());

        StringWriter excel = new StringWriter();
        Csv.Writer w = Csv.writer(excel, true);
        w.write(List.of("a"));
        w.write(List.of("b"));
        assertEquals("\uFEFFa\r\nb\r\n", excel.toString());
        assertEquals(List.of(List.of("a"), List.of("b")),
                Csv.parse(excel.toString()).stream().map(Csv.Record::fields).toList());
    }

    @Test
    void whatIsWrittenIsReadBackExactly() throws IOException {
        List<List<String>> rows = List.of(List.of("a", "b", "c"), List.of("Bão số 3, \"Yagi\"", "\r\n", " lề "),
                List.of("=1+1", "-5", "+84 912 345 678"), List.of("'=x", "''@y", "@SUM(A1)"),
                List.of("\tcmd", "\rcr", "'"), List.of("", "", ""), List.of("\uFEFF", "-1.5e3", "- gạch đầu dòng"));
        StringWriter out = new StringWriter();
        Csv.Writer w = Csv.writer(out, true);
        for (List<String> row : rows) {
            w.write(row);
        }
        List<Csv.Record> back = Csv.parse(out.toString());
        assertEquals(rows, back.stream().map(Csv.Record::fields).toList());
        assertEquals(List.of(1, 2, 4, 5, 6, 8, 9), back.stream().map(Csv.Record::line).toList());
    }

    // --- formula injection

    @ParameterizedTest
    @ValueSource(strings = { "=HYPERLINK(\"http://x\")", "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\t=1",
            "\r=1", "- Sơ tán", "'=already", "''+x" })
    void defusesWhatASpreadsheetWouldRunAsAFormula(String value) {
        String written = Csv.defuse(value);
        assertEquals("'" + value, written);
        assertEquals(value, Csv.restore(written));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-5", "+5", "-1.5", "-.5", "+3.", "-1e3", "1E+10", "Bão", "'quoted'", "'", "", "a=b",
            " =x" })
    void leavesNumbersAndHarmlessTextAlone(String value) {
        assertEquals(value, Csv.defuse(value));
        assertEquals(value, Csv.restore(value));
    }

    @Test
    void plainNumbers() {
        assertTrue(Csv.isPlainNumber("-5"));
        assertTrue(Csv.isPlainNumber("12.50"));
        assertTrue(Csv.isPlainNumber("1E-7"));
        assertFalse(Csv.isPlainNumber("1,5"));
        assertFalse(Csv.isPlainNumber("-"));
        assertFalse(Csv.isPlainNumber("- 5"));
        assertFalse(Csv.isPlainNumber("0x10"));
        assertFalse(Csv.isPlainNumber(null));
        assertNull(Csv.defuse(null));
        assertNull(Csv.restore(null));
    }

    @Test
    void theReaderRestoresWhatTheWriterDefused() throws IOException {
        StringWriter out = new StringWriter();
        Csv.writer(out).write(List.of("=cmd", "-5"));
        assertEquals("'=cmd,-5\r\n", out.toString());
        assertEquals(List.of("=cmd", "-5"), Csv.parse(out.toString()).get(0).fields());
        assertEquals("'=cmd,-5", Csv.format(List.of("=cmd", "-5")));
    }
}
