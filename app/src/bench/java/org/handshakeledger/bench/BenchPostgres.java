package org.handshakeledger.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.handshakeledger.app.e2e.TestPostgres;

/**
 * The PostgreSQL of a {@code bench.store=postgres} run: a fresh database {@code ledger_bench_<timestamp>} of the
 * server at {@code bench.postgres-url} (a role that may create databases), which the ledger's Flyway migrations
 * fill at its first start, as on a user's. The commit baseline writes to a scratch table of the same database.
 * Closing drops it.
 */
final class BenchPostgres implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

    private final BenchSettings settings;
    private final TestPostgres.Database database;

    private BenchPostgres(BenchSettings settings, TestPostgres.Database database) {
        this.settings = settings;
        this.database = database;
    }

    static BenchPostgres create(BenchSettings settings) {
        String name = "ledger_bench_" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        return new BenchPostgres(settings, TestPostgres.createDatabase(settings.postgresUrl(),
                settings.postgresUser(), settings.postgresPassword(), name));
    }

    String url() {
        return database.url();
    }

    String user() {
        return database.user();
    }

    String password() {
        return database.password();
    }

    /** The README's running contract for PostgreSQL, pointed at this database. */
    List<String> ledgerOptions() {
        return List.of(database.ledgerOptions());
    }

    /** Server version, database and the settings a commit's cost depends on, for the report. */
    String describe() throws SQLException {
        return String.format(Locale.ROOT, "PostgreSQL %s at %s, database %s (dropped after the run); "
                        + "synchronous_commit %s, fsync %s, wal_sync_method %s, shared_buffers %s, max_connections %s",
                show("server_version"), settings.postgresUrl(), database.name(), show("synchronous_commit"), show("fsync"),
                show("wal_sync_method"), show("shared_buffers"), show("max_connections"));
    }

    /** {@code pg_database_size} of this database, in bytes. */
    long sizeBytes() throws SQLException {
        return Long.parseLong(query("select pg_database_size(current_database())"));
    }

    private String show(String setting) throws SQLException {
        return query("show " + setting);
    }

    private String query(String sql) throws SQLException {
        try (Connection c = database.connect();
             Statement statement = c.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    /** Drops the database, closing any connection still open to it. */
    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(settings.postgresUrl(), settings.postgresUser(),
                settings.postgresPassword());
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
        }
        System.out.println("[bench] dropped database " + database.name());
    }
}
