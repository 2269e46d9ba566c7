package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One fresh PostgreSQL database per hub, on the throwaway server bin/test starts (127.0.0.1:$LIENTHONG_TEST_PG_PORT,
 * user lienthong, trust authentication). Databases are dropped by {@link #dropAll()}.
 */
final class Databases {

    static final String USER = "lienthong";

    private static final List<String> CREATED = new ArrayList<>();

    private Databases() {
    }

    /** The test server's port; fails (does not skip) when the tests are not run through bin/test. */
    static int port() {
        String port = System.getenv("LIENTHONG_TEST_PG_PORT");
        if (port == null || port.isBlank()) {
            fail("LIENTHONG_TEST_PG_PORT is not set. The sync-it tests start real hubs, each on its own database of"
                    + " a test PostgreSQL server: run them through bin/test, which starts that server, e.g."
                    + " bash bin/test -pl hub-core,sync-it -am -Dtest='SmokeIT*' -Dsurefire.failIfNoSpecifiedTests=false");
        }
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new AssertionError("LIENTHONG_TEST_PG_PORT is not a port number: " + port, e);
        }
    }

    static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates {@code it_<name>_<random>} and returns its name. */
    static synchronized String create(String name) {
        String db = "it_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 40), 36);
        execute("CREATE DATABASE " + db);
        CREATED.add(db);
        return db;
    }

    /** Drops every database created here (connections of hubs still running are ended). */
    static synchronized void dropAll() {
        List<String> failures = new ArrayList<>();
        for (String db : CREATED) {
            try {
                execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            } catch (RuntimeException e) {
                failures.add(db + ": " + e.getMessage());
            }
        }
        CREATED.clear();
        if (!failures.isEmpty()) {
            System.err.println("[sync-it] could not drop " + failures);
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on 127.0.0.1:" + port() + ": " + e.getMessage(), e);
        }
    }
}
