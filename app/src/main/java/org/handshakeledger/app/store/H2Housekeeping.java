package org.handshakeledger.app.store;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.h2.command.CommandInterface;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the H2 file close to the size of its data while the ledger runs, and leaves it compact when the ledger stops.
 * H2 never overwrites live data: every write of the store is a new chunk, and a chunk's space is reused once nothing
 * in it is live any more and it is older than the retention time ({@link LedgerConfiguration#H2_FILE_SETTINGS}).
 * What keeps old chunks alive is the few pages in each that no later write replaced; this rewrites those pages every
 * second, so whole chunks die and their space is used again (H2's own background writer does so only timidly: a file
 * whose chunks were 17% live stayed so). The file shrinks by itself whenever its end becomes free.
 *
 * <p>At a clean stop it leaves a compact file ({@link #compactForStop()}). Nothing happens for a database other
 * than embedded H2.
 */
@Component
class H2Housekeeping implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);
    private static final long INTERVAL_MILLIS = 1000;
    /** Chunks less full than this are rewritten; H2's own default for its background compaction. */
    private static final int TARGET_FILL_RATE = 90;
    private static final int MAX_BYTES_PER_ROUND = 2 * 1024 * 1024;
    private static final int MAX_ROUNDS = 16;
    /** Chunks are moved into the gaps between them while less than this share of the file is in chunks. */
    private static final int MOVE_BELOW_FILL_RATE = 70;
    /**
     * At most this many writes of the store (H2's background writer makes two a second) between two rounds of
     * housekeeping, not counting its own, and the ledger counts as quiet.
     */
    private static final int QUIET_STORES_PER_INTERVAL = 10;
    /**
     * The most chunk bytes moved at a time. H2 moves nothing if the first chunk it picks is larger than this, and a
     * chunk holds one write of the store: a rewrite of a large view is larger than a few megabytes.
     */
    private static final int MAX_BYTES_PER_MOVE = 8 * 1024 * 1024;
    /**
     * Up to this much in chunks, H2 copies what is live into a new file at a stop: 12 MB of data out of a 585 MB file
     * took 1.4 s, and H2 copied 3.6 GB in about two minutes, so a stop takes up to about 15 s more. Pages written as
     * the ledger runs are about half full; the copy fills them, which halves the file (a benchmark ledger of 27,000
     * handshakes stayed at 294 MB when only compacted in place).
     */
    private static final long MAX_BYTES_FOR_FULL_COMPACTION = 512L * 1024 * 1024;
    /** How long a stop may spend compacting before H2 closes the file. */
    private static final long STOP_COMPACTION_MILLIS = 5000;

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "h2-housekeeping");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Held by a round of housekeeping, and by a backup for as long as it copies the file: H2 stops reusing space while
     * it copies, but a move of chunks already under way would still rewrite the file under the copy.
     */
    private final ReentrantLock rounds = new ReentrantLock();
    private volatile MVStore store;
    /** The store's version when the last round of housekeeping ended; only the housekeeping thread uses it. */
    private long versionAfterLastRound;
    /** False once the data source turned out not to be embedded H2. */
    private volatile boolean embeddedH2 = true;

    private final long maxBytesForFullCompaction;

    @Autowired
    H2Housekeeping(DataSource dataSource) {
        this(dataSource, MAX_BYTES_FOR_FULL_COMPACTION);
    }

    H2Housekeeping(DataSource dataSource, long maxBytesForFullCompaction) {
        this.dataSource = dataSource;
        this.maxBytesForFullCompaction = maxBytesForFullCompaction;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::compact, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void compact() {
        rounds.lock();
        try {
            Optional<MVStore> current = store();
            if (current.isEmpty()) {
                return;
            }
            MVStore mvStore = current.get();
            long versionAtStart = mvStore.getCurrentVersion();
            // Each round rewrites a bounded amount, says whether there was anything to rewrite, and is written as a
            // chunk of its own: a small chunk fits into a gap that a large one would pass over to the end of the file
            for (int round = 0; round < MAX_ROUNDS && !scheduler.isShutdown(); round++) {
                if (!mvStore.compact(TARGET_FILL_RATE, MAX_BYTES_PER_ROUND)) {
                    break;
                }
                mvStore.commit();
            }
            // Gaps in the middle of the file are filled again by later chunks. Once writing has calmed down, this gives
            // them back when they make up much of the file, as after a burst of writes. Not before: H2 moves a chunk
            // by writing it at the end of the file first, and under load that made the file larger, not smaller.
            boolean quiet = versionAtStart - versionAfterLastRound <= QUIET_STORES_PER_INTERVAL;
            if (quiet && mvStore.getFileStore() instanceof RandomAccessStore file
                    && file.getFillRate() < MOVE_BELOW_FILL_RATE) {
                file.compactMoveChunks(MOVE_BELOW_FILL_RATE, MAX_BYTES_PER_MOVE, mvStore);
            }
            versionAfterLastRound = mvStore.getCurrentVersion();
        } catch (SQLException | RuntimeException e) {
            log.warn("H2 housekeeping failed; will try again: {}", e.toString());
        } finally {
            rounds.unlock();
        }
    }

    /** Runs {@code action} with no round of housekeeping under way, and none starting until it is done. */
    <T> T paused(Supplier<T> action) {
        rounds.lock();
        try {
            return action.get();
        } finally {
            rounds.unlock();
        }
    }

    /**
     * Leaves a compact file for the next start. A file with up to {@link #MAX_BYTES_FOR_FULL_COMPACTION} in chunks
     * is rewritten by H2 as it closes (what SHUTDOWN COMPACT does: it copies what is live into a new file, in key
     * order, so every B-tree page is full; about 2-3 KB a handshake, against about 6 in pages written as the ledger
     * runs, and a second or two; a crash meanwhile leaves the old file, H2 renames the new one only when done).
     * A larger file would take too long to copy at every stop; for it this rewrites what is left of partly used
     * chunks, frees every dead chunk at once (a stop needs no retention time: H2 syncs the file before it moves a
     * chunk), and moves chunks into the gaps before them, for a bounded time, so that H2's close can cut the file
     * after the last chunk.
     */
    void compactForStop() {
        try {
            Optional<MVStore> current = store();
            if (current.isEmpty() || current.get().isClosed()
                    || !(current.get().getFileStore() instanceof RandomAccessStore file)) {
                return;
            }
            MVStore mvStore = current.get();
            long inChunks = file.size() * file.getFillRate() / 100;
            if (inChunks <= maxBytesForFullCompaction) {
                EmbeddedH2.database(dataSource)
                        .ifPresent(database -> database.setCompactMode(CommandInterface.SHUTDOWN_COMPACT));
                log.info("H2 rewrites its file of {} MB ({} MB in chunks) as it closes", file.size() >> 20,
                        inChunks >> 20);
                return;
            }
            long before = file.size();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_COMPACTION_MILLIS);
            mvStore.setRetentionTime(0);
            mvStore.commit();
            while (System.nanoTime() < deadline && mvStore.compact(TARGET_FILL_RATE, MAX_BYTES_PER_ROUND)) {
                mvStore.commit();
            }
            while (System.nanoTime() < deadline && file.getFillRate() < TARGET_FILL_RATE
                    && moveChunks(mvStore, file)) {
                mvStore.commit();
            }
            log.info("H2 file compacted for the stop: {} MB, {} MB before", file.size() >> 20, before >> 20);
        } catch (SQLException | RuntimeException e) {
            log.warn("Compacting the H2 file before the stop failed; H2 closes it as it is: {}", e.toString());
        }
    }

    /** Moves one bounded batch of chunks into gaps nearer the start; false once that changed nothing. */
    private static boolean moveChunks(MVStore mvStore, RandomAccessStore file) {
        long size = file.size();
        int fillRate = file.getFillRate();
        file.compactMoveChunks(100, MAX_BYTES_PER_MOVE, mvStore);
        return file.size() != size || file.getFillRate() != fillRate;
    }

    private Optional<MVStore> store() throws SQLException {
        MVStore current = store;
        // H2 closes the database when its last connection closes, and the next connection opens it anew
        if (embeddedH2 && (current == null || current.isClosed())) {
            current = EmbeddedH2.fileStore(dataSource).orElse(null);
            store = current;
            embeddedH2 = current != null;
        }
        return Optional.ofNullable(current);
    }

    @Override
    public void destroy() throws InterruptedException {
        // never interrupt: an interrupt during H2's file I/O closes the file channel, and H2 then fails for good
        scheduler.shutdown();
        scheduler.awaitTermination(STOP_COMPACTION_MILLIS, TimeUnit.MILLISECONDS);
        paused(() -> {
            compactForStop();
            return null;
        });
    }
}
