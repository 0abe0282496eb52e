package org.handshakeledger.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link DurableCommits} waited for is in the file. H2 runs with a write delay of a minute, so that nothing but
 * DurableCommits writes the store, and {@code SHUTDOWN IMMEDIATELY} closes it the way {@code kill -9} leaves it:
 * without writing what is only in memory.
 */
class DurableCommitsTest {
    @TempDir
    Path dir;

    @Test
    void aCommitThatWasAwaitedSurvivesACrashAndOneThatWasNotIsLost() throws Exception {
        // given
        JdbcDataSource dataSource = h2File(";WRITE_DELAY=60000");
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            DurableCommits durableCommits = new DurableCommits(dataSource);
            try {
                sql.execute("CREATE TABLE handshake (id INT PRIMARY KEY)");
                sql.execute("INSERT INTO handshake VALUES (1)");
                durableCommits.awaitDurable();
                sql.execute("INSERT INTO handshake VALUES (2)");

                // when
                sql.execute("SHUTDOWN IMMEDIATELY");
            } finally {
                durableCommits.destroy();
            }
        }

        // then
        assertThat(ids(h2File(""))).containsExactly(1);
    }

    @Test
    void failsTheCallerWhenTheStoreCannotBeWritten() throws Exception {
        // given
        JdbcDataSource dataSource = h2File(";WRITE_DELAY=60000");
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            DurableCommits durableCommits = new DurableCommits(dataSource);
            try {
                sql.execute("CREATE TABLE handshake (id INT PRIMARY KEY)");
                sql.execute("INSERT INTO handshake VALUES (1)");

                // when
                sql.execute("SHUTDOWN IMMEDIATELY");

                // then
                assertThatThrownBy(durableCommits::awaitDurable).isInstanceOf(CommitNotDurableException.class);
            } finally {
                durableCommits.destroy();
            }
        }
    }

    @Test
    void doesNothingForADatabaseWithoutAFile() throws Exception {
        // given
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:durable-commits-test");
        DurableCommits durableCommits = new DurableCommits(dataSource);

        // when, then
        durableCommits.awaitDurable();
        durableCommits.destroy();
    }

    private JdbcDataSource h2File(String settings) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("ledger") + settings);
        dataSource.setUser("sa");
        return dataSource;
    }

    private static List<Integer> ids(JdbcDataSource dataSource) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT id FROM handshake ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        return ids;
    }
}
