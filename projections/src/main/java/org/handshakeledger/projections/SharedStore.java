package org.handshakeledger.projections;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Whether the store is PostgreSQL, which several instances of the ledger may share, rather than the embedded H2 file
 * that one instance holds alone. What must then hold across instances (the view swap lock, cached aggregates,
 * the renames of a view swap) asks here.
 */
public final class SharedStore {
    private SharedStore() {
    }

    public static boolean isShared(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return isShared(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
    }

    public static boolean isShared(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }
}
