package org.lienthong.connector.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.api.connector.ConnectorConfig;

class TestkitTest {

    @Test
    void theLoggerKeepsFormattedLines() {
        TestContext context = new TestContext("peer-central", "hanoi",
                Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC));
        context.logger().log(System.Logger.Level.INFO, "polled {0} items from {1}", 3, "central");
        context.logger().log(System.Logger.Level.WARNING, "gone", new IllegalStateException("x"));
        assertEquals(List.of("INFO polled 3 items from central", "WARNING gone java.lang.IllegalStateException: x"),
                context.logger().lines);
        assertEquals("peer-central", context.logger().getName());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), context.clock().instant());
    }

    @Test
    void overridesReplaceAddAndRemoveFields() {
        ConnectorConfig config = TestConfigs.config(Map.of("url", "https://a", "intervalSeconds", 5L),
                "intervalSeconds", 60L, "kinds", List.of("threat"), "url", null);
        assertTrue(config.string("url").isEmpty());
        assertEquals(60L, config.integer("intervalSeconds").orElseThrow());
        assertEquals(List.of("threat"), config.list("kinds"));
        assertThrows(IllegalArgumentException.class, () -> TestConfigs.config(Map.of(), "odd"));
    }
}
