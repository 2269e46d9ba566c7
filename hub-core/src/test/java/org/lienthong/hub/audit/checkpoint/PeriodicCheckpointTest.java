package org.lienthong.hub.audit.checkpoint;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With {@code hub.audit.checkpoint-interval} set, checkpoints are made in the background, without a request. */
@QuarkusTest
@TestProfile(PeriodicCheckpointTest.EverySecond.class)
class PeriodicCheckpointTest {

    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hub.audit.checkpoint-interval", "1s");
        }
    }

    static final String ORG = Tokens.freshOrg("auditbg");

    static long latest() {
        var items = given().header("Authorization", Tokens.bearer("vn", "auditor")).queryParam("limit", 1)
                .get("/api/v1/audit/checkpoints").then().statusCode(200)
                .extract().<java.util.List<Object>> path("items");
        return items.isEmpty() ? -1
                : ((Number) ((Map<?, ?>) ((Map<?, ?>) items.get(0)).get("statement")).get("position")).longValue();
    }

    @Test
    void aWriteIsCheckpointedWithinTheInterval() throws Exception {
        Orgs.ensure(ORG);
        long before = latest();
        given().header("Authorization", Tokens.bearer(ORG, "writer")).contentType(ContentType.JSON)
                .body(Bodies.incident().toString()).post("/api/v1/incidents").then().statusCode(201);
        long deadline = System.currentTimeMillis() + 15_000;
        while (latest() <= before && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(latest() > before, "no background checkpoint after the write");
    }
}
