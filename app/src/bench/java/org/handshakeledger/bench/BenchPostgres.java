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

/**
 * The PostgreSQL of a {@code bench.store=postgres} run: a fresh database {@code ledger_bench_<timestamp>} of the
 * server at {@code bench.postgres-url} (a role that may create databases), which the ledger's Flyway migrations
 * fill at its first start, as on a user's. The commit baseline writes to a scratch table of the same database.
 * Closing drops it.
 */
final class BenchPostgres implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

    private final BenchSettings settings;
    private final String name;
    private final String url;

    private BenchPostgres(BenchSettings settings, String name, String url) {
        this.settings = settings;
        this.name = name;
        this.url = url;
    }

    static BenchPostgres create(BenchSettings settings) throws SQLException {
        String name = "ledger_bench_" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        execute(settings, "CREATE DATABASE " + name);
        String server = settings.postgresUrl();
        int slash = server.lastIndexOf('/');
        int query = server.indexOf('?', slash);
        String url = server.substring(0, slash + 1) + name + (query < 0 ? "" : server.substring(query));
        return new BenchPostgres(settings, name, url);
    }

    String url() {
        return url;
    }

    String user() {
        return settings.postgresUser();
    }

    String password() {
        return settings.postgresPassword();
    }

    /** The README's running contract for PostgreSQL, pointed at this database. */
    List<String> ledgerOptions() {
        return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user(), "--spring.datasource.password=" + password());
    }

    /** Server version, database and the settings a commit's cost depends on, for the report. */
    String describe() throws SQLException {
        return String.format(Locale.ROOT, "PostgreSQL %s at %s, database %s (dropped after the run); "
                        + "synchronous_commit %s, fsync %s, wal_sync_method %s, shared_buffers %s, max_connections %s",
                show("server_version"), settings.postgresUrl(), name, show("synchronous_commit"), show("fsync"),
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
        try (Connection c = DriverManager.getConnection(url, user(), password());
             Statement statement = c.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    /** Drops the database, closing any connection still open to it. */
    @Override
    public void close() throws SQLException {
        execute(settings, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        System.out.println("[bench] dropped database " + name);
    }

    private static void execute(BenchSettings settings, String sql) throws SQLException {
        try (Connection admin = DriverManager.getConnection(settings.postgresUrl(), settings.postgresUser(),
                settings.postgresPassword());
             Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
