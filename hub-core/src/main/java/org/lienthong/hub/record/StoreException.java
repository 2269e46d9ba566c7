package org.lienthong.hub.record;

import java.sql.SQLException;

/** A database failure, with the SQLSTATE kept so the service can tell a constraint from an outage. */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }

    /** A unique constraint refused the write. */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlState());
    }

    /** The name of the violated constraint, when PostgreSQL reports it. */
    public String constraint() {
        if (getCause() instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            return p.getServerErrorMessage().getConstraint();
        }
        return null;
    }
}
