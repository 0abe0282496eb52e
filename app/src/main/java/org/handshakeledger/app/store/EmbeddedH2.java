package org.handshakeledger.app.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/** Finds the MVStore behind a data source when that is H2 running in this JVM on a file. */
final class EmbeddedH2 {
    private EmbeddedH2() {
    }

    /**
     * The file store of the embedded H2 database the data source connects to; empty for any other database, for H2
     * in server mode (the store is in another process) and for an in-memory H2 (there is no file to write).
     */
    static Optional<MVStore> fileStore(DataSource dataSource) throws SQLException {
        return database(dataSource).map(database -> database.getStore().getMvStore());
    }

    /** The embedded H2 database on a file the data source connects to, if it is one. */
    static Optional<Database> database(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)
                    || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                    || session.getDatabase().getStore() == null
                    || !session.getDatabase().getStore().getMvStore().isPersistent()) {
                return Optional.empty();
            }
            return Optional.of(session.getDatabase());
        }
    }
}
