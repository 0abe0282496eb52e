package org.handshakeledger.app.store;

import java.sql.DriverManager;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;
import org.handshakeledger.app.e2e.TestPostgres;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same comparison on PostgreSQL, whose migrations ({@code db/migration/postgresql}) are written apart from H2's:
 * a fresh database of the test server, migrated as on a user's first start.
 */
class ShadowTablesMatchLiveTablesOnPostgresTest extends ShadowTablesMatchLiveTablesTest {

    @BeforeAll
    static void migrateAFreshDatabase() throws SQLException {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/postgresql").load().migrate();
    }
}
