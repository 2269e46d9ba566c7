package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The access log loses no acknowledged read: readers on several connections read records by id while the hub is killed
 * with SIGKILL in the middle of it; after it comes back, every read that was answered 200 has its entry (entries of
 * reads that were cut off before their answer may be there too, or not).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AccessLogCrashIT {

    static Hub hub;

    @BeforeAll
    static void start() {
        Databases.port();
        hub = Hub.startAll("access-crash").get(0);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.kill();
        }
        Databases.dropAll();
    }

    @Test
    void everyReadAnsweredBeforeACrashIsInTheAccessLog() throws Exception {
        Client admin = hub.as(Jwts.admin("vn"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ObjectNode body = Bodies.incident();
            body.put("owner", "vn.dn").put("classification", "public");
            ids.add(admin.create("incident", body).get("id").asText());
        }
        String subject = "reader-" + UUID.randomUUID();
        Client reader = hub.as(Jwts.sign(subject, "vn.dn", null, "reader"));
        Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger cut = new AtomicInteger();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int first = t;
            pool.submit(() -> {
                for (int k = first;; k++) {
                    String id = ids.get(k % ids.size());
                    try {
                        Client.Answer a = reader.get("/api/v1/incidents/" + id);
                        if (a.status() != 200) {
                            return; // the hub is going down: not an acknowledged read
                        }
                        answered.computeIfAbsent(id, x -> new AtomicInteger()).incrementAndGet();
                        total.incrementAndGet();
                    } catch (UncheckedIOException e) {
                        cut.incrementAndGet(); // killed before this read's answer
                        return;
                    }
                }
            });
        }
        // kill while reads are in flight, once a good number have been answered
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (total.get() < 2_000 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        hub.kill();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(total.get() >= 2_000, "reads answered before the kill: " + total.get());
        assertTrue(cut.get() > 0, "some reads were in flight when the hub was killed");

        hub.restart();
        Map<String, Integer> logged = new HashMap<>();
        try (Connection c = DriverManager.getConnection(Databases.jdbcUrl(hub.database()), Databases.USER, "");
                PreparedStatement ps = c.prepareStatement("select record_id::text, count(*) from access_log"
                        + " where subject = ? and action = 'read' group by record_id")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    logged.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        int missing = 0;
        for (Map.Entry<String, AtomicInteger> e : answered.entrySet()) {
            int got = logged.getOrDefault(e.getKey(), 0);
            if (got < e.getValue().get()) {
                missing += e.getValue().get() - got;
            }
        }
        assertEquals(0, missing, "acknowledged reads without an access-log entry, of " + total.get() + " answered");
        // and the log holds nothing that was never asked for
        int entries = logged.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(entries <= total.get() + cut.get() + threads,
                entries + " entries for " + total.get() + " answered and " + cut.get() + " cut-off reads");
    }
}
