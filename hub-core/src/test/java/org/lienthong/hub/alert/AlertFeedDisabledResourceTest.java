package org.lienthong.hub.alert;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;
import org.lienthong.hub.testing.Xml;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * With {@code hub.alerts.public-feed} at its default (off), both public alert paths are 404 problems, with or without a
 * token, and CAP output links to no public page.
 */
@QuarkusTest
class AlertFeedDisabledResourceTest {

    static final String ORG = Tokens.freshOrg("alertsoff");

    @Test
    void bothPathsAre404AndCapHasNoWeb() throws Exception {
        Orgs.ensure(ORG);
        String writer = Tokens.bearer(ORG, "reader", "writer");
        String id = given().header("Authorization", writer).contentType(ContentType.JSON)
                .body(AlertFeedResourceTest.threat("Bão số 16", "public", Duration.ofDays(2)).toString())
                .post("/api/v1/threats").then().statusCode(201).extract().path("id");

        for (String path : new String[] { "/api/v1/alerts/cap.atom", "/api/v1/alerts/" + id }) {
            given().get(path).then().statusCode(404).contentType("application/problem+json");
            given().header("Authorization", Tokens.bearer("vn", "admin")).get(path).then().statusCode(404)
                    .contentType("application/problem+json");
        }

        String cap = given().header("Authorization", writer).accept("application/cap+xml").get("/api/v1/threats/" + id)
                .then().statusCode(200).extract().asString();
        Xml.assertValidCap(cap);
        assertTrue(cap.contains("<expires>"), cap);
        assertFalse(cap.contains("<web>"), "no public feed: no public page to link to");
    }
}
