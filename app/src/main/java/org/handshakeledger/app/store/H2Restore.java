package org.handshakeledger.app.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.h2.api.ErrorCode;
import org.h2.tools.Restore;

/**
 * Restores a backup of {@link H2Backups} into an empty data directory, with H2's own {@link Restore}, before anything
 * has opened the store there. It then opens the restored database read-only to check that it is a ledger's, and
 * counts its events. A file that is not such a backup, and a data directory that is not empty, are refused before
 * anything is written; when the restore fails after that, what it wrote is removed again.
 */
public final class H2Restore {
    /** The name of the ledger's H2 database in its data directory: {@code handshake-ledger.mv.db}. */
    public static final String DATABASE_NAME = "handshake-ledger";
    private static final String H2_FILE_SUFFIX = ".mv.db";

    private H2Restore() {
    }

    /** A restored store: where, the size of its file, and its events. */
    public record Restored(Path dataDir, long bytes, long events, long lastGlobalIndex) {
    }

    /**
     * Restores {@code backup} into {@code dataDir}, which may not exist yet.
     *
     * @throws RestoreRefusedException naming the problem when {@code backup} is not a ledger backup or {@code dataDir}
     *                                 is not an empty directory; nothing was written
     * @throws IllegalStateException   when the restore failed on the way; the data directory is as it was
     */
    public static Restored restore(Path backup, Path dataDir) {
        Path file = backup.toAbsolutePath().normalize();
        Path dir = dataDir.toAbsolutePath().normalize();
        requireBackup(file);
        boolean dirExisted = requireEmptyOrMissing(dir);
        try {
            Files.createDirectories(dir);
            Restore.execute(file.toString(), dir.toString(), DATABASE_NAME);
            return inspect(file, dir);
        } catch (IOException | RuntimeException e) {
            undo(dir, dirExisted);
            if (e instanceof RestoreRefusedException refused) {
                throw refused;
            }
            throw new IllegalStateException("Restoring " + file + " into " + dir + " failed (" + e.getMessage()
                    + "); what it had written was removed.", e);
        }
    }

    private static void requireBackup(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RestoreRefusedException("There is no backup file " + file + ".");
        }
        List<String> databases;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            databases = zip.stream().map(ZipEntry::getName).filter(name -> name.endsWith(H2_FILE_SUFFIX)).toList();
        } catch (ZipException e) {
            throw new RestoreRefusedException(file + " is not a ledger backup: it is not a zip file.");
        } catch (IOException e) {
            throw new RestoreRefusedException("Cannot read " + file + ": " + e);
        }
        if (databases.size() != 1 || databases.get(0).contains("/") || databases.get(0).contains("\\")) {
            throw new RestoreRefusedException(file + " is not a ledger backup: it should hold one H2 database file ("
                    + DATABASE_NAME + H2_FILE_SUFFIX + "), and holds " + (databases.isEmpty() ? "none"
                    : String.join(", ", databases)) + ".");
        }
    }

    /** Refuses a data directory that holds anything; returns whether it exists. */
    private static boolean requireEmptyOrMissing(Path dir) {
        if (!Files.exists(dir)) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            throw new RestoreRefusedException("The data directory " + dir + " is a file, not a directory.");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.map(entry -> entry.getFileName().toString()).sorted().toList();
            if (!names.isEmpty()) {
                throw new RestoreRefusedException("The data directory " + dir + " is not empty (it holds "
                        + names.stream().limit(3).collect(Collectors.joining(", "))
                        + (names.size() > 3 ? ", …" : "") + "): a restore never overwrites a ledger. Give "
                        + "--ledger.data-dir a new or empty directory.");
            }
        } catch (IOException e) {
            throw new RestoreRefusedException("Cannot read the data directory " + dir + ": " + e);
        }
        return true;
    }

    /** Opens the restored database read-only: it must be a ledger's event store, and whole. */
    private static Restored inspect(Path backup, Path dir) throws IOException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "sa");
        credentials.setProperty("password", "");
        String url = "jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        try (Connection connection = new org.h2.Driver().connect(url, credentials);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT COUNT(*), COALESCE(MAX(global_index), 0) FROM domain_event_entry")) {
            rs.next();
            return new Restored(dir, Files.size(dir.resolve(DATABASE_NAME + H2_FILE_SUFFIX)), rs.getLong(1),
                    rs.getLong(2));
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1
                    || e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1) {
                throw new RestoreRefusedException(backup + " is not a ledger backup: its H2 database has no event "
                        + "store.");
            }
            throw new RestoreRefusedException(backup + " is not a ledger backup, or it is damaged: H2 cannot open "
                    + "its database (" + e.getMessage() + ").");
        }
    }

    /** Removes what the restore wrote: the data directory was empty or missing before. */
    private static void undo(Path dir, boolean dirExisted) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> written = Files.walk(dir)) {
            for (Path path : written.sorted(Comparator.reverseOrder()).toList()) {
                if (dirExisted && path.equals(dir)) {
                    continue;
                }
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove what the failed restore wrote to " + dir, e);
        }
    }
}
