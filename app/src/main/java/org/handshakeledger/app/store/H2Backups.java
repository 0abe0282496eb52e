package org.handshakeledger.app.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Online backups of the embedded H2 store, taken with H2's own {@code BACKUP TO}: H2 writes what is committed to the
 * file, stops reusing space in it and copies it into a zip while the ledger goes on serving. An MVStore file only
 * ever grows by whole chunks while space is not reused, so the copy is the store as of one of its writes, which H2
 * opens like a file after {@code kill -9}. The zip holds the database file only, never the audit signing key.
 *
 * <p>The zip is written under a hidden temporary name and renamed into place once complete, so a file with a final
 * name ({@code handshake-ledger-20261207T011502.123Z.zip}, UTC, which sorts by time) is always a whole backup.
 * Backups are taken one at a time: H2's switch that stops reusing space is one flag, which a second backup finishing
 * early would turn back on under the first.
 */
@Component
public class H2Backups implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(H2Backups.class);
    static final String PREFIX = "handshake-ledger-";
    static final String SUFFIX = ".zip";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final H2Housekeeping housekeeping;
    private final Clock clock;
    private final ExecutorService copier = Executors.newSingleThreadExecutor(copying -> {
        Thread thread = new Thread(copying, "h2-backup");
        thread.setDaemon(true);
        return thread;
    });

    H2Backups(DataSource dataSource, H2Housekeeping housekeeping, Clock clock) {
        this.dataSource = dataSource;
        this.housekeeping = housekeeping;
        this.clock = clock;
    }

    /** A backup written: its file, size, SHA-256 (hex), when it was started, and the newest event it surely holds. */
    public record Backup(Path file, long bytes, String sha256, Instant takenAt, long lastGlobalIndex,
                         Duration took) {
    }

    /** Whether the store is the embedded H2 file this can back up (not PostgreSQL, not H2 in another process). */
    public boolean available() {
        try {
            return EmbeddedH2.database(dataSource).isPresent();
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Writes a backup into {@code dir}, creating it when needed, and returns once the file is complete.
     *
     * @throws BackupFailedException naming the directory and the cause when it cannot be created or written
     */
    public synchronized Backup takeTo(Path dir) {
        Path directory = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new BackupFailedException("Cannot create the backup directory " + directory + " (" + e
                    + "); set ledger.backup.dir to a directory the ledger may write.", e);
        }
        if (!Files.isWritable(directory)) {
            throw new BackupFailedException("The backup directory " + directory + " is not writable; set "
                    + "ledger.backup.dir to a directory the ledger may write.", null);
        }
        Instant takenAt = clock.instant();
        Path file = directory.resolve(PREFIX + NAME_TIME.format(takenAt) + SUFFIX);
        while (Files.exists(file)) {
            // another backup in the same millisecond: the next free one, so names stay unique and in time order
            takenAt = takenAt.plusMillis(1);
            file = directory.resolve(PREFIX + NAME_TIME.format(takenAt) + SUFFIX);
        }
        Path partial = directory.resolve("." + file.getFileName() + ".partial");
        Path target = file;
        Instant started = takenAt;
        Future<Backup> written = copier.submit(() -> write(directory, partial, target, started));
        try {
            return written.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BackupFailedException failed ? failed
                    : new BackupFailedException("The backup to " + file + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupFailedException("Stopped waiting for the backup to " + file + " (the ledger is stopping);"
                    + " it goes on and appears under that name once complete.", e);
        }
    }

    /**
     * Copies the store into {@code partial}, makes it durable and renames it to {@code file}. Runs on a thread of its
     * own: an interrupt while H2 reads its file (Tomcat interrupts its request threads when a stop runs out of time)
     * would close the store's file channel for good.
     */
    private Backup write(Path directory, Path partial, Path file, Instant takenAt) {
        long started = System.nanoTime();
        try {
            long lastGlobalIndex = housekeeping.paused(() -> copyStore(partial));
            String sha256 = sha256(partial);
            long bytes = Files.size(partial);
            // on disk before it gets its final name, and the name on disk too: a power cut leaves no short backup
            try (FileChannel data = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                data.force(true);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel names = FileChannel.open(directory, StandardOpenOption.READ)) {
                names.force(true);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info("Backup written to {}: {} bytes, newest event at its start: global index {}, in {} ms", file,
                    bytes, lastGlobalIndex, took.toMillis());
            return new Backup(file, bytes, sha256, takenAt, lastGlobalIndex, took);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            throw new BackupFailedException("The backup to " + file + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        copier.shutdown();
    }

    /** Copies the store into {@code zip}; returns the newest global index committed before the copy began. */
    private long copyStore(Path zip) {
        try (Connection connection = dataSource.getConnection()) {
            long lastGlobalIndex;
            try (PreparedStatement last = connection.prepareStatement(
                    "SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry");
                 ResultSet rs = last.executeQuery()) {
                rs.next();
                lastGlobalIndex = rs.getLong(1);
            }
            try (PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
                backup.setString(1, zip.toString());
                backup.executeUpdate();
            }
            return lastGlobalIndex;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the incomplete backup {}: {}", file, e.toString());
        }
    }
}
