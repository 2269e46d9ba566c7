package org.lienthong.hub.record;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a record list, built from fixed SQL fragments with every client value bound as a parameter, never
 * spliced into the text.
 */
public final class RecordQuery {

    private final StringBuilder where = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    private final int limit;

    public RecordQuery(String kind, int limit) {
        this.limit = limit;
        and("h.kind = ?", kind);
    }

    /** Adds a condition; each {@code ?} in {@code sql} takes the next value. */
    public RecordQuery and(String sql, Object... values) {
        if (!where.isEmpty()) {
            where.append(" and ");
        }
        where.append('(').append(sql).append(')');
        params.addAll(List.of(values));
        return this;
    }

    public int limit() {
        return limit;
    }

    String where() {
        return where.toString();
    }

    /** Binds the values from position {@code first}; returns the next free position. */
    int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object value : params) {
            ps.setObject(i++, value);
        }
        return i;
    }
}
