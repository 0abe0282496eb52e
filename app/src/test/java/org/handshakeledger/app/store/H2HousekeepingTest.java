package org.handshakeledger.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.handshakeledger.app.config.LedgerConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each commit below is written as a chunk of its own, as the ledger's writes are, and updates rows all over the
 * table, so the file fills with chunks that each keep a few live pages.
 */
class H2HousekeepingTest {
    private static final int ROWS = 2000;
    private static final int WRITES = 1500;
    /** RETENTION_TIME in {@link LedgerConfiguration#H2_FILE_SETTINGS}. */
    private static final long RETENTION_MILLIS = 1000;
    private final Random random = new Random(42);

    @TempDir
    Path dir;
    private JdbcDataSource dataSource;

    @BeforeEach
    void setUp() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("ledger") + LedgerConfiguration.H2_FILE_SETTINGS);
        dataSource.setUser("sa");
    }

    @Test
    void rewritesTheLivePagesOfMostlyDeadChunksSoThatTheChunksAreFreed() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            // given
            MVStore store = writeScatteredUpdates(connection);
            Thread.sleep(RETENTION_MILLIS + 100);
            int chunksBefore = chunkCount(store);
            int fillRateBefore = store.getFileStore().getChunksFillRate();
            long sizeBefore = store.getFileStore().size();

            // when
            new H2Housekeeping(dataSource).compact();
            // the chunks emptied are freed by the first write of the store after the retention time
            Thread.sleep(RETENTION_MILLIS + 100);
            writeScatteredUpdates(connection, 1);

            // then
            assertThat(fillRateBefore).isLessThan(50);
            assertThat(chunkCount(store)).isLessThan(chunksBefore / 10);
            // free space inside the file is used by the next chunks; the file shrinks once its end is free
            assertThat(bytesInChunks(store)).isLessThan(sizeBefore / 10);
        }
    }

    @Test
    void hasH2RewriteASmallFileAsItClosesAtAStop() throws Exception {
        long sizeBefore;
        try (Connection connection = dataSource.getConnection()) {
            // given
            MVStore store = writeScatteredUpdates(connection);
            sizeBefore = store.getFileStore().size();

            // when
            new H2Housekeeping(dataSource).destroy();
        }

        // then: H2 closed the database with its last connection
        assertThat(Files.size(dir.resolve("ledger.mv.db"))).isLessThan(sizeBefore / 10);
        assertThat(rows(dataSource)).isEqualTo(ROWS);
    }

    @Test
    void compactsALargeFileInPlaceAtAStop() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            // given
            MVStore store = writeScatteredUpdates(connection);
            long sizeBefore = store.getFileStore().size();

            // when
            new H2Housekeeping(dataSource, 0).destroy();

            // then
            assertThat(store.getFileStore().getFillRate()).as("share of the file in chunks").isGreaterThanOrEqualTo(90);
            assertThat(store.getFileStore().size()).isLessThan(sizeBefore / 4);
        }
    }

    private static int rows(JdbcDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM handshake")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static long bytesInChunks(MVStore store) {
        return store.getFileStore().size() * store.getFileStore().getFillRate() / 100;
    }

    private static int chunkCount(MVStore store) {
        Map<String, String> info = new HashMap<>();
        store.getFileStore().populateInfo(info::put);
        return Integer.parseInt(info.get("info.CHUNK_COUNT"));
    }

    private MVStore writeScatteredUpdates(Connection connection) throws Exception {
        try (Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE handshake (id INT PRIMARY KEY, state VARCHAR(200))");
            sql.execute("INSERT INTO handshake SELECT x, REPEAT('o', 200) FROM SYSTEM_RANGE(1, " + ROWS + ")");
        }
        return writeScatteredUpdates(connection, WRITES);
    }

    private MVStore writeScatteredUpdates(Connection connection, int writes) throws Exception {
        MVStore store = EmbeddedH2.fileStore(dataSource).orElseThrow();
        try (PreparedStatement update = connection.prepareStatement("UPDATE handshake SET state = ? WHERE id = ?")) {
            for (int i = 0; i < writes; i++) {
                update.setString(1, Integer.toString(i).repeat(40));
                update.setInt(2, 1 + random.nextInt(ROWS));
                update.executeUpdate();
                store.commit();
            }
        }
        return store;
    }
}
