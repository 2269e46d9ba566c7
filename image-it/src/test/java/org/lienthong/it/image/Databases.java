package org.lienthong.it.image;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh databases on the throwaway server bin/test starts (127.0.0.1:$LIENTHONG_TEST_PG_PORT, user lienthong, trust
 * authentication), as sync-it makes them.
 */
final class Databases {

    static final String USER = "lienthong";

    private Databases() {
    }

    /** The test server's port; fails (does not skip) when the tests are not run through bin/test. */
    static int port() {
        String port = System.getenv("LIENTHONG_TEST_PG_PORT");
        if (port == null || port.isBlank()) {
            fail("LIENTHONG_TEST_PG_PORT is not set. The image test runs the hub's image on a database of the test"
                    + " PostgreSQL server bin/test starts: run it through bin/test, e.g. bash bin/test -pl"
                    + " hub-core,image-it -am -Dtest='ImageIT*' -Dsurefire.failIfNoSpecifiedTests=false");
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
    static String create(String name) {
        String db = "it_" + name + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 40), 36);
        execute("CREATE DATABASE " + db);
        return db;
    }

    /** Drops {@code db}, ending its connections; reports a failure on stderr only. */
    static void drop(String db) {
        try {
            execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("[image-it] could not drop " + db + ": " + e.getMessage());
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
