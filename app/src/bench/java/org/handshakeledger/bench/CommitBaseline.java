package org.handshakeledger.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.handshakeledger.app.config.LedgerConfiguration;

/**
 * The durable-commit baseline: single-row INSERT transactions, each committed before the next one starts on its
 * connection, from this JVM, one connection per concurrent writer. A row carries an id and a 512-byte text, about the
 * size of one stored event. Two stores:
 * <ul>
 * <li>{@link #h2}: an H2 file database opened with the service's own URL settings
 * ({@link LedgerConfiguration#H2_FILE_SETTINGS}) except that every commit is written to the file before it returns
 * ({@code WRITE_DELAY=0}, H2's own durable commit; the service gets the same guarantee by group commit instead);
 * INSERT, then COMMIT.</li>
 * <li>{@link #postgres}: a scratch table of the run's PostgreSQL database (in a schema of its own), in autocommit (each INSERT is its own
 * transaction), with {@code synchronous_commit} as the server has it: with {@code on}, a commit returns once its WAL
 * is flushed to disk.</li>
 * </ul>
 */
final class CommitBaseline implements AutoCloseable {
    private static final String PAYLOAD = "x".repeat(512);

    private final List<Connection> connections = new ArrayList<>();
    private final boolean autoCommit;
    private final ExecutorService writers;
    private final AtomicLong ids = new AtomicLong();
    private final ThreadLocal<Connection> connection;

    private CommitBaseline(String url, String user, String password, boolean autoCommit, int concurrency)
            throws SQLException {
        this.autoCommit = autoCommit;
        for (int i = 0; i < concurrency; i++) {
            Connection c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(autoCommit);
            connections.add(c);
        }
        Connection first = connections.get(0);
        try (Statement ddl = first.createStatement()) {
            // a schema of its own: the ledger's Flyway refuses to start on a database whose schema public holds tables
            ddl.execute("create schema if not exists commit_baseline");
            ddl.execute("create table if not exists commit_baseline.commit_row (id bigint primary key, "
                    + "payload varchar(1024))");
            // a second baseline on the same table (PostgreSQL: 1, then 32 connections) goes on after the first's rows
            try (ResultSet max = ddl.executeQuery("select coalesce(max(id), 0) from commit_baseline.commit_row")) {
                max.next();
                ids.set(max.getLong(1));
            }
            commit(first);
        }
        List<Connection> pool = new ArrayList<>(connections);
        this.connection = ThreadLocal.withInitial(() -> {
            synchronized (pool) {
                return pool.remove(pool.size() - 1);
            }
        });
        this.writers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "commit-baseline");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** H2: the service's file settings with {@code WRITE_DELAY=0}, in {@code dir}. */
    static CommitBaseline h2(Path dir, int concurrency) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("commit-baseline")
                + LedgerConfiguration.H2_FILE_SETTINGS.replaceFirst("WRITE_DELAY=\\d+", "WRITE_DELAY=0");
        return new CommitBaseline(url, "sa", "", false, concurrency);
    }

    /** PostgreSQL: the run's database, autocommit. */
    static CommitBaseline postgres(BenchPostgres database, int concurrency) throws SQLException {
        return new CommitBaseline(database.url(), database.user(), database.password(), true, concurrency);
    }

    /** How many connections write, one per concurrent writer. */
    int concurrency() {
        return connections.size();
    }

    /** One transaction: one row inserted, committed. */
    CompletableFuture<Void> commitOneRow() {
        return CompletableFuture.runAsync(() -> {
            Connection c = connection.get();
            try (PreparedStatement insert = c.prepareStatement("insert into commit_baseline.commit_row values (?, ?)")) {
                insert.setLong(1, ids.incrementAndGet());
                insert.setString(2, PAYLOAD);
                insert.executeUpdate();
                commit(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, writers);
    }

    private void commit(Connection c) throws SQLException {
        if (!autoCommit) {
            c.commit();
        }
    }

    @Override
    public void close() throws SQLException {
        writers.shutdownNow();
        for (Connection c : connections) {
            c.close();
        }
    }
}
