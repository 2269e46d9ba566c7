package org.lienthong.hub.api.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.api.schema.Vocabulary;

/**
 * Pins the columns of each kind to {@code fixtures/csv-columns.txt}: the column model is derived from the schema
 * records, so a change to a record must not silently reorder or retype the columns of sheets already in use.
 */
class CsvColumnsTest {

    @Test
    void theColumnsOfEveryKindAreThePinnedOnes() throws IOException {
        Map<String, List<String>> expected = fixture();
        assertEquals(Vocabulary.wireValues(RecordKind.class), List.copyOf(expected.keySet()));
        expected.forEach((kind, columns) -> assertEquals(columns, CsvRecords.columns(kind), kind));
    }

    private static Map<String, List<String>> fixture() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        try (InputStream in = CsvColumnsTest.class.getResourceAsStream("/fixtures/csv-columns.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    current = new ArrayList<>();
                    out.put(line.substring(1, line.length() - 1), current);
                } else {
                    current.add(line.strip());
                }
            }
        }
        return out;
    }
}
