package org.handshakeledger.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
 * The durable-commit baseline: single-row INSERT + COMMIT transactions into an H2 file database opened with the
 * service's own URL settings ({@link LedgerConfiguration#H2_FILE_SETTINGS}) except that every commit is written to
 * the file before it returns ({@code WRITE_DELAY=0}, H2's own durable commit; the service gets the same guarantee
 * by group commit instead), from this JVM, one connection per concurrent writer. A row carries an id and a 512-byte
 * text, about the size of one stored event.
 */
final class CommitBaseline implements AutoCloseable {
    private static final String PAYLOAD = "x".repeat(512);

    private final List<Connection> connections = new ArrayList<>();
    private final ExecutorService writers;
    private final AtomicLong ids = new AtomicLong();
    private final ThreadLocal<Connection> connection;

    CommitBaseline(Path dir, int concurrency) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("commit-baseline")
                + LedgerConfiguration.H2_FILE_SETTINGS.replaceFirst("WRITE_DELAY=\\d+", "WRITE_DELAY=0");
        for (int i = 0; i < concurrency; i++) {
            Connection c = DriverManager.getConnection(url, "sa", "");
            c.setAutoCommit(false);
            connections.add(c);
        }
        try (Statement ddl = connections.get(0).createStatement()) {
            ddl.execute("create table if not exists commit_row (id bigint primary key, payload varchar(1024))");
            connections.get(0).commit();
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

    /** One transaction: one row inserted, committed. */
    CompletableFuture<Void> commitOneRow() {
        return CompletableFuture.runAsync(() -> {
            Connection c = connection.get();
            try (PreparedStatement insert = c.prepareStatement("insert into commit_row values (?, ?)")) {
                insert.setLong(1, ids.incrementAndGet());
                insert.setString(2, PAYLOAD);
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, writers);
    }

    @Override
    public void close() throws SQLException {
        writers.shutdownNow();
        for (Connection c : connections) {
            c.close();
        }
    }
}
