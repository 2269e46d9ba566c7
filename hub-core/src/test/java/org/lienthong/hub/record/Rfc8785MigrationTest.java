package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Orgs;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import db.migration.V15__Rfc8785Hashes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The V15 migration over a record whose rows are in the form hubs stored before RFC 8785: content with numbers as sent
 * (exact decimals), hashes by the old rules, a parent link, the head, a replication hop and a conflict that name those
 * hashes. Afterwards the audit verification passes and every reference follows; a second run changes nothing.
 */
@QuarkusTest
class Rfc8785MigrationTest {

    static final String ORG = Tokens.freshOrg("v15");
    static final String OLD_1 = "1".repeat(64);
    static final String OLD_2 = "2".repeat(64);

    @Inject
    DataSource db;

    void sql(Connection c, String... statements) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    String value(Connection c, String query) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void oldRowsAreHashedAgainAndEveryReferenceFollows() throws Exception {
        Orgs.ensure(ORG);
        String writer = Tokens.bearer(ORG, "reader", "writer");
        ObjectNode body = Bodies.threat();
        String id = given().header("Authorization", writer).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/threats").then().statusCode(201).extract().path("id");
        body.put("riskLevel", 5);
        given().header("Authorization", writer).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(body.toString()).put("/api/v1/threats/" + id).then().statusCode(200);
        String where = " where record_id = '" + id + "'";
        try (Connection c = db.getConnection()) {
            assertEquals("JDBC", value(c, "select type from flyway_schema_history where version = '15' and success"),
                    "Flyway ran V15 at start, as a Java migration");
            String content2 = value(c, "select content from record_version" + where + " and version = 2");
            // the old form: a number as a client sent it, and hashes computed by other rules
            String oldContent2 = content2.replace("\"value\":46.5", "\"value\":46.50000000000000000001");
            assertNotEquals(content2, oldContent2, "the fixture has the indicator value to rewrite");
            sql(c, "alter table record_version disable trigger record_version_no_update_delete",
                    "update record_version set hash = '" + OLD_1 + "'" + where + " and version = 1",
                    "update record_version set hash = '" + OLD_2 + "', parents = '{" + OLD_1 + "}', content = '"
                            + oldContent2.replace("'", "''") + "'" + where + " and version = 2",
                    "alter table record_version enable trigger record_version_no_update_delete",
                    "update record_head set hash = '" + OLD_2 + "' where id = '" + id + "'",
                    "insert into hop (hash, record_id, from_hub, received_by) values ('" + OLD_2 + "', '" + id
                            + "', 'hub-old', 'peer')",
                    "insert into conflict (id, record_id, kind, owner, local_hash, incoming_hash, winner_hash,"
                            + " merge_hash) values ('" + UUID.randomUUID() + "', '" + id + "', 'threat', '" + ORG
                            + "', '" + OLD_1 + "', '" + OLD_2 + "', '" + OLD_2 + "', '" + OLD_2 + "')");
            JsonPath broken = verify(id);
            assertEquals(false, broken.getBoolean("ok"), broken.prettify());

            assertEquals(2, V15__Rfc8785Hashes.rehash(c, List.of(UUID.fromString(id))));

            JsonPath ok = verify(id);
            assertTrue(ok.getBoolean("ok"), ok.prettify());
            String new1 = value(c, "select hash from record_version" + where + " and version = 1");
            String new2 = value(c, "select hash from record_version" + where + " and version = 2");
            assertEquals("{" + new1 + "}", value(c, "select parents from record_version" + where + " and version = 2"));
            assertEquals(new2, value(c, "select hash from record_head where id = '" + id + "'"));
            assertEquals(new2, value(c, "select hash from hop" + where));
            assertEquals(new1 + " " + new2 + " " + new2 + " " + new2, value(c,
                    "select local_hash || ' ' || incoming_hash || ' ' || winner_hash || ' ' || merge_hash from conflict"
                            + where));
            // 46.50000000000000000001 denotes the double 46.5: stored as RFC 8785 writes it
            assertEquals(content2, value(c, "select content from record_version" + where + " and version = 2"));
            assertEquals(0, V15__Rfc8785Hashes.rehash(c, List.of(UUID.fromString(id))), "a second run changes nothing");
        }
    }

    JsonPath verify(String id) {
        return given().header("Authorization", Tokens.bearer("vn", "auditor"))
                .get("/api/v1/audit/verify?kind=threat&id=" + id).then().statusCode(200).extract().jsonPath();
    }
}
