package org.lienthong.hub.record;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Bodies;
import org.lienthong.hub.testing.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What must never happen is refused by PostgreSQL itself, whatever code writes: a second version n of a record, a
 * second record with one source reference, a version edited or removed after the fact.
 */
@QuarkusTest
class StoreConstraintsTest {

    static final String ORG = Tokens.freshOrg("db");

    @org.junit.jupiter.api.BeforeEach
    void registerOrganisation() {
        org.lienthong.hub.testing.Orgs.ensure(ORG);
    }

    static final String WRITER = Tokens.bearer(ORG, "writer", "reader");

    @Inject
    DataSource db;

    String createIncident(String system, String sourceId) {
        ObjectNode body = Bodies.incident();
        body.putObject("sourceRef").put("system", system).put("id", sourceId);
        return given().header("Authorization", WRITER).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    String sqlState(String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        });
        return e.getSQLState();
    }

    @Test
    void aSecondVersionWithTheSameNumberIsRefused() {
        String id = createIncident("db", "v-" + UUID.randomUUID());
        String duplicate = "insert into record_version (record_id, version, kind, owner, classification, deleted,"
                + " content, activity, author_org, author_subject, recorded_at, origin_hub, hash, parents)"
                + " select record_id, version, kind, owner, classification, deleted, content, activity, author_org,"
                + " author_subject, recorded_at, origin_hub, repeat('0', 64), parents from record_version"
                + " where record_id = '" + id + "'";
        assertEquals("23505", sqlState(duplicate), "unique_violation");
    }

    @Test
    void aSecondRecordWithTheSameSourceReferenceIsRefused() {
        String sourceId = "s-" + UUID.randomUUID();
        String id = createIncident("db", sourceId);
        String duplicate = "insert into record_head (id, kind, version, owner, classification, source_system,"
                + " source_id, created_at, updated_at, hash) select gen_random_uuid(), kind, version, owner,"
                + " classification, source_system, source_id, created_at, updated_at, hash from record_head"
                + " where id = '" + id + "'";
        assertEquals("23505", sqlState(duplicate), "unique_violation");
    }

    @Test
    void versionsCannotBeUpdatedOrDeleted() {
        String id = createIncident("db", "u-" + UUID.randomUUID());
        assertEquals("23001", sqlState("update record_version set owner = 'vn.forged' where record_id = '" + id + "'"),
                "restrict_violation");
        assertEquals("23001", sqlState("delete from record_version where record_id = '" + id + "'"));
        given().header("Authorization", WRITER).get("/api/v1/incidents/" + id).then().statusCode(200);
    }

    @Test
    void theHubsSessionsPlanOnceAndNeverJitCompile() throws SQLException {
        // set for every pooled connection (quarkus.datasource.jdbc.new-connection-sql); the reasons are given there
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String[] setting : new String[][] { { "jit", "off" }, { "plan_cache_mode", "force_generic_plan" } }) {
                try (var rs = s.executeQuery("show " + setting[0])) {
                    rs.next();
                    assertEquals(setting[1], rs.getString(1), setting[0]);
                }
            }
        }
    }
}
