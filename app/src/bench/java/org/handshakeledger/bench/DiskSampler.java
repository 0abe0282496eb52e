package org.handshakeledger.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The size of a ledger's data directory (all files, recursively), sampled from a background thread while the ledger
 * runs, keeping the largest value seen. H2 grows its file between compactions and gives space back afterwards, so
 * the size at rest alone says nothing about the disk a ledger needs under load.
 */
final class DiskSampler implements AutoCloseable {
    private final Path dir;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-disk-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private DiskSampler(Path dir) {
        this.dir = dir;
    }

    /** Takes a first sample at once, then one every {@code intervalMillis}. */
    static DiskSampler start(Path dir, long intervalMillis) {
        DiskSampler sampler = new DiskSampler(dir);
        sampler.scheduler.scheduleAtFixedRate(sampler::sample, 0, intervalMillis, TimeUnit.MILLISECONDS);
        return sampler;
    }

    /** The largest size seen so far, in bytes. */
    long peakBytes() {
        return peak.get();
    }

    long samples() {
        return samples.get();
    }

    private void sample() {
        // a failed sample must not end the schedule: scheduleAtFixedRate stops at the first exception
        try {
            peak.accumulateAndGet(sizeOf(dir), Math::max);
            samples.incrementAndGet();
        } catch (RuntimeException e) {
            System.out.println("[bench] disk sample of " + dir + " failed: " + e);
        }
    }

    /** Total bytes of all regular files under {@code dir}; files that vanish while it is walked count as empty. */
    static long sizeOf(Path dir) {
        AtomicLong total = new AtomicLong();
        walk(dir, (file, size) -> total.addAndGet(size));
        return total.get();
    }

    /** Every regular file under {@code dir} with its size, by path relative to {@code dir}. */
    static Map<String, Long> files(Path dir) {
        Map<String, Long> files = new TreeMap<>();
        walk(dir, (file, size) -> files.put(dir.relativize(file).toString(), size));
        return files;
    }

    private interface FileSize {
        void accept(Path file, long size);
    }

    private static void walk(Path dir, FileSize each) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            // H2 creates and deletes temporary files as it runs: a file gone between listing and reading is skipped
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        each.accept(file, attributes.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot measure " + dir, e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
