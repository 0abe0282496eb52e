package org.handshakeledger.projections.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Table-level steps of a rebuild: emptying the shadow tables before the rebuild fills them, and swapping a view's
 * shadow tables with its live ones by renaming, which takes milliseconds however large the tables. The caller makes
 * sure nobody reads or writes the view meanwhile.
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
        execute(view.tables().stream().map(table -> "TRUNCATE TABLE " + table.shadow()).toList(), true);
    }

    /** The shadow tables become the live ones and the live ones the shadow; the new shadow is emptied next. */
    public void swap(RebuildableView view) {
        execute(view.tables().stream().flatMap(table -> List.of(
                "ALTER TABLE " + table.name() + " RENAME TO " + table.name() + SWAPPING,
                "ALTER TABLE " + table.shadow() + " RENAME TO " + table.name(),
                "ALTER TABLE " + table.name() + SWAPPING + " RENAME TO " + table.shadow()).stream()).toList(),
                false);
    }

    private void execute(List<String> statements, boolean truncating) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    if (!truncating) {
                        throw e;
                    }
                    // a table that others reference by foreign key cannot be truncated; its children are empty now
                    log.debug("{} refused ({}); deleting instead", sql, e.getMessage());
                    statement.execute(sql.replace("TRUNCATE TABLE", "DELETE FROM"));
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change the view tables: " + e.getMessage(), e);
        }
    }
}
