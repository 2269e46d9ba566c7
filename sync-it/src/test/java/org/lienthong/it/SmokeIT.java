package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The harness itself, against the hub as it is: two real hub processes on separate databases; a record written to one
 * is readable there and in its feed, the other knows nothing of it; a hub killed with SIGKILL comes back with its data.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SmokeIT {

    static Hub one;
    static Hub two;

    @BeforeAll
    static void start() {
        Databases.port(); // fails at once, with the reason, outside bin/test
        List<Hub> hubs = Hub.startAll("smoke-one", "smoke-two");
        one = hubs.get(0);
        two = hubs.get(1);
    }

    @AfterAll
    static void stop() {
        for (Hub hub : new Hub[] { one, two }) {
            if (hub != null) {
                hub.kill();
            }
        }
        Databases.dropAll();
    }

    @Test
    void aRecordIsStoredFedAndSurvivesACrashOnItsOwnHubOnly() {
        String admin = Jwts.admin("vn");
        Client atOne = one.as(admin);
        Client atTwo = two.as(admin);

        ObjectNode body = Bodies.incident();
        body.put("owner", "vn.dn").put("classification", "internal");
        JsonNode created = atOne.create("incident", body);
        String id = created.get("id").asText();
        String hash = created.path("provenance").path("hash").asText();
        assertEquals(1, created.get("version").asInt());
        assertEquals("vn.dn", created.get("owner").asText());
        assertEquals("smoke-one", created.path("provenance").path("originHub").asText());
        assertTrue(hash.length() > 10, "a hash: " + created);

        Client.Answer read = atOne.get("/api/v1/incidents/" + id).expect(200);
        assertEquals(1, read.etagVersion());
        assertEquals(hash, read.json().path("provenance").path("hash").asText());
        assertEquals(Bodies.content(created), Bodies.content(read.json()));
        // a writer of the owning organisation reads it too
        assertEquals(hash, one.as(Jwts.writer("vn.dn")).read("incident", id).path("provenance").path("hash").asText());

        List<JsonNode> feed = atOne.changes(null);
        assertEquals(1, feed.size(), "one change on " + one + ": " + feed);
        assertEquals(id, feed.get(0).get("id").asText());
        assertEquals("create", feed.get(0).get("op").asText());
        assertEquals(hash, feed.get(0).path("record").path("provenance").path("hash").asText());

        // separate databases: the other hub has nothing
        assertEquals(List.of(), atTwo.changes(null), "the feed of " + two);
        assertTrue(atTwo.find("incident", id).isEmpty(), "the record is not on " + two);

        // crash and come back on the same port and database
        one.kill();
        one.restart();
        JsonNode after = atOne.read("incident", id);
        assertEquals(hash, after.path("provenance").path("hash").asText());
        assertEquals(1, atOne.versions("incident", id).size());
        assertEquals(1, atOne.changes(null).size());
        assertEquals(List.of(), atTwo.changes(null));
    }
}
