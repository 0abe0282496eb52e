package org.handshakeledger.projections.rebuild;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.handshakeledger.projections.SharedStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Table-level steps of a rebuild: emptying the shadow tables before the rebuild fills them, and swapping a view's
 * shadow tables with its live ones by renaming, which takes milliseconds however large the tables. The caller makes
 * sure nobody writes the view meanwhile. On PostgreSQL, where DDL is transactional, the renames of a swap commit
 * together and readers on any instance see either the old tables or the new ones; on H2 they do not, and the caller
 * keeps readers away too.
 */
@Component
public class ViewTableSwap {
    private static final Logger log = LoggerFactory.getLogger(ViewTableSwap.class);
    private static final String SWAPPING = "_swapping";

    private final DataSource dataSource;

    public ViewTableSwap(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empties the shadow tables of {@code view}, children first. */
    public void clearShadow(RebuildableView view) {
        execute("empty the shadow tables", connection -> {
            if (SharedStore.isShared(connection)) {
                // one statement for the tables that reference each other
                return List.of("TRUNCATE TABLE " + String.join(", ", view.tables().stream().map(ViewTable::shadow)
                        .toList()));
            }
            List<String> statements = new ArrayList<>();
            for (ViewTable table : view.tables()) {
                // a table that others reference by foreign key cannot be truncated; its children are empty by now
                statements.add((referenced(connection, table.shadow()) ? "DELETE FROM " : "TRUNCATE TABLE ")
                        + table.shadow());
            }
            return statements;
        });
    }

    private static boolean referenced(Connection connection, String table) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getExportedKeys(null, null, table.toUpperCase(Locale.ROOT))) {
            return rs.next();
        }
    }

    /**
     * The shadow tables become the live ones and the live ones the shadow; the new shadow is emptied next. Renames
     * cannot share a transaction, so a row in {@code view_swap} counts the tables done while the swap runs: a crash
     * in the middle leaves it behind for {@link #completeInterruptedSwaps}.
     */
    public void swap(RebuildableView view) {
        execute("change the view tables",
                connection -> SharedStore.isShared(connection) ? renames(view) : countedRenames(view));
    }

    /** One transaction of renames: PostgreSQL commits them all or none, so there is nothing to count. */
    private static List<String> renames(RebuildableView view) {
        List<String> statements = new ArrayList<>();
        for (ViewTable table : view.tables()) {
            statements.add("ALTER TABLE " + table.name() + " RENAME TO " + table.name() + SWAPPING);
            statements.add("ALTER TABLE " + table.shadow() + " RENAME TO " + table.name());
            statements.add("ALTER TABLE " + table.name() + SWAPPING + " RENAME TO " + table.shadow());
        }
        return statements;
    }

    private static List<String> countedRenames(RebuildableView view) {
        String name = view.processingGroup();
        List<String> statements = new ArrayList<>();
        statements.add("MERGE INTO view_swap (view_name, tables_done) KEY (view_name) VALUES ('" + name + "', 0)");
        for (int done = 0; done < view.tables().size(); done++) {
            ViewTable table = view.tables().get(done);
            statements.add("ALTER TABLE " + table.name() + " RENAME TO " + table.name() + SWAPPING);
            statements.add("ALTER TABLE " + table.shadow() + " RENAME TO " + table.name());
            // counted before the last rename: a table named _swapping then tells which step is left
            statements.add("UPDATE view_swap SET tables_done = " + (done + 1) + " WHERE view_name = '" + name + "'");
            statements.add("ALTER TABLE " + table.name() + SWAPPING + " RENAME TO " + table.shadow());
        }
        statements.add("DELETE FROM view_swap WHERE view_name = '" + name + "'");
        return statements;
    }

    /**
     * After a crash in the middle of a swap, before anything uses the tables: finishes the swap. The rebuild had
     * caught up and writes were held when the swap began, so the shadow tables not yet swapped hold the rebuilt
     * view; once all are swapped, the view is whole again. Returns the views whose swap was finished.
     */
    public static List<RebuildableView> completeInterruptedSwaps(Connection connection) throws SQLException {
        Map<RebuildableView, Integer> interrupted = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT view_name, tables_done FROM view_swap")) {
                while (rs.next()) {
                    int done = rs.getInt(2);
                    RebuildableView.named(rs.getString(1)).ifPresent(view -> interrupted.put(view, done));
                }
            }
            for (Map.Entry<RebuildableView, Integer> swap : interrupted.entrySet()) {
                List<ViewTable> tables = swap.getKey().tables();
                for (int i = 0; i < tables.size(); i++) {
                    ViewTable table = tables.get(i);
                    String swapping = table.name() + SWAPPING;
                    if (exists(connection, swapping)) {
                        if (!exists(connection, table.name())) {
                            statement.execute("ALTER TABLE " + table.shadow() + " RENAME TO " + table.name());
                        }
                        statement.execute("ALTER TABLE " + swapping + " RENAME TO " + table.shadow());
                    } else if (i >= swap.getValue()) {
                        statement.execute("ALTER TABLE " + table.name() + " RENAME TO " + swapping);
                        statement.execute("ALTER TABLE " + table.shadow() + " RENAME TO " + table.name());
                        statement.execute("ALTER TABLE " + swapping + " RENAME TO " + table.shadow());
                    }
                }
                statement.execute("DELETE FROM view_swap WHERE view_name = '" + swap.getKey().processingGroup()
                        + "'");
                log.warn("The swap of the rebuilt view {} was interrupted by a stop of the service; it is now"
                        + " complete", swap.getKey().processingGroup());
            }
        }
        return List.copyOf(interrupted.keySet());
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, null, table.toUpperCase(Locale.ROOT),
                new String[] {"TABLE", "BASE TABLE"})) {
            return rs.next();
        }
    }

    /** The statements to run, which may depend on what the connection's metadata says. */
    @FunctionalInterface
    private interface StatementsFor {
        List<String> on(Connection connection) throws SQLException;
    }

    private void execute(String what, StatementsFor statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (String sql : statements.on(connection)) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
        }
    }
}
