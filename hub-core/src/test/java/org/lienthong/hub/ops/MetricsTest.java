package org.lienthong.hub.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code /q/metrics}: Prometheus text with the hub's own metrics after some writes; a token is needed. */
@QuarkusTest
class MetricsTest {

    @Test
    void writesShowUpInTheMetrics() {
        String writer = Tokens.bearer("vn", "writer", "reader");
        String id = given().header("Authorization", writer).contentType(ContentType.JSON)
                .body(Bodies.incident().toString()).post("/api/v1/incidents").then().statusCode(201).extract()
                .path("id");
        given().header("Authorization", writer).get("/api/v1/incidents/" + id).then().statusCode(200);
        String metrics = given().header("Authorization", Tokens.bearer("vn", "reader")).get("/q/metrics").then()
                .statusCode(200).extract().asString();
        assertTrue(metrics.matches(
                "(?s).*lienthong_records_written_total\\{[^}]*activity=\"create\"[^}]*kind=\"incident\"[^}]*} [1-9].*"),
                "records written by kind");
        assertTrue(metrics.contains("lienthong_feed_horizon_lag_seconds"), "feed lag");
        assertTrue(metrics.contains("http_server_requests_seconds_count"), "HTTP server");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM");
        assertTrue(metrics.contains("agroal_"), "connection pool");
        given().get("/q/metrics").then().statusCode(401);
    }
}
