package org.lienthong.hub.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

/** Waits for the early warning's evaluator in tests that send readings. */
public final class EvaluationQueue {

    private EvaluationQueue() {
    }

    /** Waits until the evaluation queue is empty: everything committed has been evaluated. */
    public static void drained(DataSource dataSource) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from evaluation_queue")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the evaluation queue did not empty within 20 s");
    }
}
