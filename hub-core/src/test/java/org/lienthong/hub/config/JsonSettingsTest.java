package org.lienthong.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.api.schema.Classification;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The mapper Quarkus REST writes response records with has the hub's settings, whatever order Quarkus applies its own
 * customizations in: canonical timestamps, wire values of enums, plain decimals, components in declaration order.
 */
@QuarkusTest
class JsonSettingsTest {

    record Sample(String zeta, Instant at, Classification classification, BigDecimal value, String alpha) {
    }

    @Inject
    ObjectMapper mapper;

    @Test
    void responseRecordsReadLikeTheStoredRecords() throws Exception {
        String json = mapper.writeValueAsString(new Sample("z", Instant.parse("2026-11-22T08:00:00.120Z"),
                Classification.public_, new BigDecimal("0.0000001"), "a"));
        assertEquals(
                "{\"zeta\":\"z\",\"at\":\"2026-11-22T08:00:00.12Z\",\"classification\":\"public\",\"value\":0.0000001,\"alpha\":\"a\"}",
                json);
    }
}
