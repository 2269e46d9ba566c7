package org.lienthong.hub.api.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The parts of the SPI contract that live in hub-api itself. */
class ConnectorSpiTest {

    @Test
    void secretsNeverShowInStrings() {
        Secret token = new Secret("eyJhbGciOiJSUzI1NiJ9.very-secret");
        ConnectorConfig config = new ConnectorConfig(Map.of("url", "https://hub.example", "token", token));
        assertFalse(token.toString().contains("very-secret"));
        assertFalse(config.toString().contains("very-secret"));
        assertTrue(config.toString().contains("https://hub.example"));
        assertEquals("eyJhbGciOiJSUzI1NiJ9.very-secret", config.secret("token").orElseThrow().reveal());
    }

    @Test
    void typedAccessorsReturnWhatTheHubChecked() {
        ConnectorConfig config = new ConnectorConfig(
                Map.of("intervalSeconds", 30L, "kinds", List.of("threat"), "enabled", true));
        assertEquals(30L, config.integer("intervalSeconds").orElseThrow());
        assertEquals(List.of("threat"), config.list("kinds"));
        assertEquals(List.of(), config.list("absent"));
        assertTrue(config.bool("enabled").orElseThrow());
        assertTrue(config.string("absent").isEmpty());
    }

    @Test
    void fieldDeclarationsAreConsistent() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConfigField("x", ConfigField.Type.STRING, true, "default", false, "", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ConfigField("x", ConfigField.Type.ENUM, false, "a", false, "", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ConfigField("x", ConfigField.Type.STRING, false, null, false, "", List.of("a")));
        ConfigField direction = ConfigField.oneOf("direction", "pull", "pull, push or both", "pull", "push", "both");
        assertFalse(direction.required());
        assertTrue(ConfigField.secret("token", "bearer token").secret());
    }

    @Test
    void aBatchNeedsACheckpoint() {
        assertThrows(IllegalArgumentException.class, () -> new SourceBatch(List.of(), null, false));
        SourceBatch batch = new SourceBatch(List.of(new SourceItem.Upsert("incident", "{}")), "c1", true);
        assertEquals(1, batch.items().size());
    }
}
