package org.handshakeledger.app.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests run against: a server where the role may create databases, given by the environment
 * variables {@code LEDGER_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}),
 * {@code LEDGER_TEST_POSTGRES_USER} and {@code LEDGER_TEST_POSTGRES_PASSWORD} (both {@code ledger} by default; the
 * README and {@code .ci/run} create that role). Each test context gets a fresh, empty database of its own, which
 * the ledger's Flyway migrations then fill, as on a user's first start.
 *
 * <p>Without a reachable server the PostgreSQL tests are skipped, except under {@code CI=true}, where they fail: a
 * green CI always includes them.
 */
public final class TestPostgres {
    /** The system property that runs the end-to-end suite on PostgreSQL instead of H2 (the failsafe run postgres). */
    public static final String STORE_PROPERTY = "ledger.it.store";

    private static final String URL = env("LEDGER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("LEDGER_TEST_POSTGRES_USER", "ledger");
    private static final String PASSWORD = env("LEDGER_TEST_POSTGRES_PASSWORD", "ledger");

    private static boolean leftoversDropped;
    /** Why no server is reachable ("" when one is), asked once per JVM: every test class asks. */
    private static String unavailability;

    private TestPostgres() {
    }

    /** A database of the test server, by its JDBC URL and credentials. */
    public record Database(String name, String url, String user, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        /** The options that point the ledger at this database: the README's running contract. */
        public String[] ledgerOptions() {
            return new String[] {"--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + user, "--spring.datasource.password=" + password};
        }
    }

    /** Whether the end-to-end suite runs on PostgreSQL in this JVM. */
    public static boolean selectedForEndToEnd() {
        return "postgres".equals(System.getProperty(STORE_PROPERTY));
    }

    /** Skips the calling test (or fails it under CI) when no server is reachable. */
    public static synchronized void assumeAvailable() {
        if (unavailability == null) {
            String problem = unavailableBecause();
            unavailability = problem == null ? "" : problem;
        }
        String problem = unavailability;
        if (problem.isEmpty()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and no PostgreSQL for the tests at " + URL + ": " + problem);
        }
        Assumptions.abort("No PostgreSQL for the tests at " + URL + " (" + problem + "); see README, Tests");
    }

    /** Creates an empty database; the name is unique, so tests never see each other's data. */
    public static synchronized Database freshDatabase() {
        assumeAvailable();
        if (!leftoversDropped) {
            dropUnusedTestDatabases();
            leftoversDropped = true;
        }
        String name = "ledger_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        return createDatabase(URL, USER, PASSWORD, name);
    }

    /**
     * Creates the database {@code name} on the server of {@code serverUrl} (a JDBC URL of any database there) as
     * {@code user}, who may create databases, and returns it; the benchmark harness creates its databases here too.
     */
    public static Database createDatabase(String serverUrl, String user, String password, String name) {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + name + ": " + e.getMessage(), e);
        }
        int slash = serverUrl.lastIndexOf('/');
        int query = serverUrl.indexOf('?', slash);
        String url = serverUrl.substring(0, slash + 1) + name + (query < 0 ? "" : serverUrl.substring(query));
        return new Database(name, url, user, password);
    }

    /**
     * The databases of earlier runs: dropped once per JVM, except those still in use (DROP DATABASE refuses a
     * database with connections, so a run going on next to this one keeps its own).
     */
    private static void dropUnusedTestDatabases() {
        try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            java.util.List<String> names = new java.util.ArrayList<>();
            try (var rs = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'ledger\\_it\\_%'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                try {
                    statement.execute("DROP DATABASE " + name);
                } catch (SQLException inUse) {
                    // another run's database
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the test databases: " + e.getMessage(), e);
        }
    }

    private static String unavailableBecause() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
