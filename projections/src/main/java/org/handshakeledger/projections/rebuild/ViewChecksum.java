package org.handshakeledger.projections.rebuild;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * A deterministic SHA-256 digest of what a view holds, so an operator can show that a rebuilt view equals the one
 * before. Every table is read in the order of a unique key from one snapshot of the database; each value is
 * written as its length and its text (timestamps as UTC instants), so the digest depends on content alone, never on
 * how rows happen to be stored.
 */
@Component
public class ViewChecksum {
    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public ViewChecksum(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The digest and row counts of the live tables of {@code view}. */
    public Digest of(RebuildableView view) {
        MessageDigest digest = sha256();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                for (ViewTable table : view.tables()) {
                    rows.put(table.name(), digestTable(connection, table, digest));
                }
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read view " + view.processingGroup() + ": " + e.getMessage(),
                    e);
        }
        return new Digest(view.processingGroup(), HexFormat.of().formatHex(digest.digest()), rows);
    }

    private static long digestTable(Connection connection, ViewTable table, MessageDigest digest)
            throws SQLException {
        update(digest, table.name());
        long count = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT * FROM " + table.name() + " ORDER BY " + table.orderBy())) {
                List<Integer> columns = checkedColumns(rs.getMetaData(), table, digest);
                while (rs.next()) {
                    count++;
                    for (int column : columns) {
                        update(digest, text(rs.getObject(column)));
                    }
                }
            }
        }
        return count;
    }

    private static List<Integer> checkedColumns(ResultSetMetaData meta, ViewTable table, MessageDigest digest)
            throws SQLException {
        List<Integer> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnName(i).toLowerCase(Locale.ROOT);
            if (!table.notInChecksum().contains(name)) {
                columns.add(i);
                update(digest, name);
            }
        }
        return columns;
    }

    private static String text(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        return value == null ? null : value.toString();
    }

    private static void update(MessageDigest digest, String value) {
        if (value == null) {
            digest.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 1);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /** The digest of one view and the number of rows of each of its tables. */
    public record Digest(String view, String sha256, Map<String, Long> rows) {
    }
}
