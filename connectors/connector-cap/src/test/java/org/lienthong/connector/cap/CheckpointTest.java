package org.lienthong.connector.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What the source remembers between polls. */
class CheckpointTest {

    @Test
    void roundTripsThroughJson() {
        Checkpoint cp = Checkpoint.parse(null);
        cp.addAlert("nchmf.gov.vn", "A-1", "A-1", 1_700_000_000L);
        cp.addAlert("nchmf.gov.vn", "A-2", "A-1", null);
        cp.mark("e:https://example.org/a.xml 2026-11-21T10:00:00Z");
        String json = cp.write();
        assertEquals("{\"v\":1,\"seen\":[[\"a\",\"nchmf.gov.vn\",\"A-1\",\"A-1\",1700000000],"
                + "[\"a\",\"nchmf.gov.vn\",\"A-2\",\"A-1\",null],"
                + "[\"k\",\"e:https://example.org/a.xml 2026-11-21T10:00:00Z\"]]}", json);

        Checkpoint back = Checkpoint.parse(json);
        assertEquals(json, back.write());
        assertEquals("A-1", back.alert("nchmf.gov.vn", "A-2").root());
        assertTrue(back.marked("e:https://example.org/a.xml 2026-11-21T10:00:00Z"));
        assertEquals(1_700_000_000L, back.latestSent("A-1"));
        assertTrue(back.isRoot("A-1"));
        assertFalse(back.isRoot("A-2"));
    }

    @Test
    void referencesMayNameTheSenderDifferently() {
        Checkpoint cp = Checkpoint.parse(null);
        cp.addAlert("http://newwcatwc.arh.noaa.gov/tsuPortal/", "PAAQ-1-lqw6d6", "PAAQ-1-lqw6d6", 1L);
        assertNull(cp.alert("PAAQ", "PAAQ-1-lqw6d6"));
        assertEquals("PAAQ-1-lqw6d6", cp.referenced("PAAQ", "PAAQ-1-lqw6d6").root());
        assertNull(cp.referenced("PAAQ", "other"));
    }

    @Test
    void keepsTheTenThousandMostRecentEntries() {
        Checkpoint cp = Checkpoint.parse(null);
        for (int i = 0; i < Checkpoint.MAX_ENTRIES + 5; i++) {
            cp.addAlert("s", "ID-" + i, "ID-" + i, (long) i);
        }
        assertEquals(Checkpoint.MAX_ENTRIES, cp.size());
        for (int i = 0; i < 5; i++) {
            assertNull(cp.alert("s", "ID-" + i), "the oldest are dropped");
            assertNull(cp.referenced("x", "ID-" + i));
        }
        assertEquals("ID-5", cp.alert("s", "ID-5").root());
        Checkpoint back = Checkpoint.parse(cp.write());
        assertEquals(Checkpoint.MAX_ENTRIES, back.size());
        assertTrue(cp.write().length() < 1_000_000);
    }

    @Test
    void rejectsWhatItDidNotWrite() {
        for (String bad : List.of("", "[]", "{\"v\":2,\"seen\":[]}", "{\"v\":1,\"seen\":[[\"x\"]]}",
                "{\"v\":1,\"seen\":[[\"a\",1,2,3,4]]}")) {
            assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse(bad), bad);
        }
    }
}
