package org.handshakeledger.app.store;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.handshakeledger.projections.rebuild.ViewTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rebuild fills the shadow table of each view table and then swaps the two, so the shadow must be the same table
 * under another name. V5 wrote the shadows out by hand as copies of the live tables, and every later change of a
 * live table must change its shadow alike. This test migrates a fresh database with the ledger's own migrations and
 * compares each pair that {@link RebuildableView} names: the columns in their order (the view checksum reads them in
 * that order) with type, nullability and default; the primary key, indexes and unique constraints by their columns
 * and uniqueness (their names differ by design); and foreign keys, which a shadow points at the other shadows.
 */
class ShadowTablesMatchLiveTablesTest {
    /** Where application.yml has Flyway look ({@code classpath:db/migration/{vendor}}) on H2. */
    private static final String MIGRATIONS = "classpath:db/migration/h2";
    private static final Set<String> LIVE_VIEW_TABLES = viewTables().map(ViewTable::name).collect(Collectors.toSet());

    static Connection connection;

    /** Hidden by the PostgreSQL variant's method of the same name, which then runs instead. */
    @BeforeAll
    static void migrateAFreshDatabase() throws SQLException {
        String url = "jdbc:h2:mem:shadow-tables-" + UUID.randomUUID();
        // held open for the whole class: an in-memory database ends with its last connection
        connection = DriverManager.getConnection(url, "sa", "");
        Flyway.configure().dataSource(url, "sa", "").locations(MIGRATIONS).load().migrate();
    }

    @AfterAll
    static void dropTheDatabase() throws SQLException {
        connection.close();
    }

    static Stream<Named<ViewTable>> pairs() {
        return viewTables().map(table -> Named.of(table.name() + " and " + table.shadow(), table));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void theShadowHasTheColumnsOfTheLiveTable(ViewTable table) throws SQLException {
        assertBothExist(table);
        assertAlike("columns", table, columns(table.name()), columns(table.shadow()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void theShadowHasTheKeysAndIndexesOfTheLiveTable(ViewTable table) throws SQLException {
        assertBothExist(table);
        assertAlike("keys and indexes", table, keysAndIndexes(table.name()), keysAndIndexes(table.shadow()));
    }

    private static void assertBothExist(ViewTable table) throws SQLException {
        if (columns(table.name()).isEmpty()) {
            fail("The migrations create no table " + table.name());
        }
        if (columns(table.shadow()).isEmpty()) {
            fail("The migrations create no shadow table " + table.shadow() + " for " + table.name());
        }
    }

    private static void assertAlike(String what, ViewTable table, List<String> live, List<String> shadow) {
        if (live.equals(shadow)) {
            return;
        }
        List<String> differences = new ArrayList<>();
        List<String> onlyLive = without(live, shadow);
        if (!onlyLive.isEmpty()) {
            differences.add("only " + table.name() + " has " + onlyLive);
        }
        List<String> onlyShadow = without(shadow, live);
        if (!onlyShadow.isEmpty()) {
            differences.add("only " + table.shadow() + " has " + onlyShadow);
        }
        if (differences.isEmpty()) {
            differences.add("they are in another order: " + live + " in " + table.name() + ", " + shadow + " in "
                    + table.shadow());
        }
        fail("The " + what + " of the shadow table " + table.shadow() + " differ from those of " + table.name() + ": "
                + String.join("; ", differences) + ". Change both tables alike, in a new migration.");
    }

    /** Each column as {@code name TYPE(size,digits) NOT NULL DEFAULT value}, in the table's order. */
    private static List<String> columns(String table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String namePattern = stored(table).replace("_", metadata.getSearchStringEscape() + "_");
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = metadata.getColumns(null, stored("public"), namePattern, null)) {
            while (rs.next()) {
                String nullability = "YES".equals(rs.getString("IS_NULLABLE")) ? "" : " NOT NULL";
                String defaultValue = Optional.ofNullable(rs.getString("COLUMN_DEF")).map(d -> " DEFAULT " + d)
                        .orElse("");
                columns.add(lower(rs.getString("COLUMN_NAME")) + " " + rs.getString("TYPE_NAME")
                        + "(" + rs.getInt("COLUMN_SIZE") + "," + rs.getInt("DECIMAL_DIGITS") + ")" + nullability
                        + defaultValue);
            }
        }
        return columns;
    }

    /** The primary key, then every index and foreign key, in an order that does not depend on their names. */
    private static List<String> keysAndIndexes(String table) throws SQLException {
        List<String> keys = new ArrayList<>();
        keys.add(primaryKey(table));
        keys.addAll(sorted(indexes(table)));
        keys.addAll(sorted(foreignKeys(table)));
        return keys;
    }

    private static String primaryKey(String table) throws SQLException {
        Map<Integer, String> columns = new LinkedHashMap<>();
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, stored("public"), stored(table))) {
            while (rs.next()) {
                columns.put(rs.getInt("KEY_SEQ"), lower(rs.getString("COLUMN_NAME")));
            }
        }
        return columns.isEmpty() ? "no primary key" : "PRIMARY KEY " + inOrder(columns);
    }

    /** Unique constraints are listed by their unique index; the primary key's index is listed too. */
    private static List<String> indexes(String table) throws SQLException {
        Map<String, Map<Integer, String>> columnsByIndex = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(null, stored("public"), stored(table), false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String order = "D".equals(rs.getString("ASC_OR_DESC")) ? " DESC" : "";
                columnsByIndex.computeIfAbsent(index, name -> new LinkedHashMap<>())
                        .put(rs.getInt("ORDINAL_POSITION"), lower(rs.getString("COLUMN_NAME")) + order);
                unique.put(index, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        return columnsByIndex.entrySet().stream()
                .map(index -> (unique.get(index.getKey()) ? "UNIQUE INDEX " : "INDEX ") + inOrder(index.getValue()))
                .toList();
    }

    private static List<String> foreignKeys(String table) throws SQLException {
        Map<String, Map<Integer, String>> columnsByKey = new LinkedHashMap<>();
        Map<String, String> targetByKey = new LinkedHashMap<>();
        try (ResultSet rs = connection.getMetaData().getImportedKeys(null, stored("public"), stored(table))) {
            while (rs.next()) {
                String key = rs.getString("FK_NAME");
                columnsByKey.computeIfAbsent(key, name -> new LinkedHashMap<>())
                        .put(rs.getInt("KEY_SEQ"), lower(rs.getString("FKCOLUMN_NAME")) + " -> "
                                + lower(rs.getString("PKCOLUMN_NAME")));
                targetByKey.put(key, referenced(table, lower(rs.getString("PKTABLE_NAME")))
                        + " ON UPDATE " + rule(rs.getShort("UPDATE_RULE")) + " ON DELETE "
                        + rule(rs.getShort("DELETE_RULE")));
            }
        }
        return columnsByKey.entrySet().stream()
                .map(key -> "FOREIGN KEY " + inOrder(key.getValue()) + " REFERENCES " + targetByKey.get(key.getKey()))
                .toList();
    }

    /**
     * The table a foreign key points at, named as from the live side, so that a pair compares alike: a shadow points
     * at the shadow of the live table's target, and pointing at a live view table instead is a difference.
     */
    private static String referenced(String table, String target) {
        if (LIVE_VIEW_TABLES.contains(table)) {
            return target;
        }
        return viewTables().filter(view -> view.shadow().equals(target)).findFirst().map(ViewTable::name)
                .orElse(LIVE_VIEW_TABLES.contains(target) ? target + " (the live table, not its shadow)" : target);
    }

    private static String rule(short rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> "CASCADE";
            case DatabaseMetaData.importedKeySetNull -> "SET NULL";
            case DatabaseMetaData.importedKeySetDefault -> "SET DEFAULT";
            case DatabaseMetaData.importedKeyRestrict -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    private static Stream<ViewTable> viewTables() {
        return Arrays.stream(RebuildableView.values()).flatMap(view -> view.tables().stream());
    }

    private static String inOrder(Map<Integer, String> byPosition) {
        return byPosition.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static List<String> without(List<String> all, List<String> removed) {
        return all.stream().filter(item -> !removed.contains(item)).toList();
    }

    private static List<String> sorted(List<String> items) {
        return items.stream().sorted().toList();
    }

    /** The name as the database's metadata has it: H2 stores unquoted names in upper case, PostgreSQL in lower. */
    private static String stored(String name) throws SQLException {
        return connection.getMetaData().storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT)
                : name.toLowerCase(Locale.ROOT);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
