package org.handshakeledger.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load with bounded concurrency: {@code concurrency} workers, each running one operation at a time and
 * each operation making its requests one after the other, so that at most {@code concurrency} requests are in
 * flight. Runs a fixed number of operations; the clock runs from the first start to the last completion.
 */
final class LoadRunner {
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    /** Starts the next operation of a worker; the common pool has a single thread on two cores. */
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "bench-worker");
        thread.setDaemon(true);
        return thread;
    });

    /** One operation: one or more requests, each timed through {@link Timer#time}. */
    interface Operation {
        CompletableFuture<?> run(int index, Timer timer);
    }

    /** Records the latency of requests, overall and per operation name. */
    static final class Timer {
        private final Recorder all = new Recorder(HIGHEST_MICROS, 3);
        private final Map<String, Recorder> byName = new ConcurrentHashMap<>();
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>();

        <T> CompletableFuture<T> time(String name, Supplier<CompletableFuture<T>> request) {
            long start = System.nanoTime();
            CompletableFuture<T> future;
            try {
                future = request.get();
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            return future.whenComplete((result, failure) -> {
                long micros = Math.min(HIGHEST_MICROS, (System.nanoTime() - start) / 1000);
                all.recordValue(micros);
                byName.computeIfAbsent(name, n -> new Recorder(HIGHEST_MICROS, 3)).recordValue(micros);
                requests.incrementAndGet();
                if (failure != null) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, name + ": " + failure);
                }
            });
        }
    }

    private LoadRunner() {
    }

    static Measurement run(String name, int concurrency, int operations, Operation operation) {
        return run(name, concurrency, 0, operations, operation);
    }

    /** Runs operations {@code first} .. {@code first + operations - 1}. */
    static Measurement run(String name, int concurrency, int first, int operations, Operation operation) {
        return run(name, concurrency, first, operations, () -> false, operation);
    }

    /**
     * Runs operations {@code 0 .. operations - 1} for at most {@code duration}: once it has passed, no worker starts
     * another operation, and the phase ends when those in flight have answered.
     */
    static Measurement runFor(String name, int concurrency, Duration duration, int operations, Operation operation) {
        long deadline = System.nanoTime() + duration.toNanos();
        return run(name, concurrency, 0, operations, () -> System.nanoTime() - deadline >= 0, operation);
    }

    private static Measurement run(String name, int concurrency, int first, int operations, BooleanSupplier expired,
                                   Operation operation) {
        Timer timer = new Timer();
        AtomicInteger next = new AtomicInteger(first);
        int end = first + operations;
        CountDownLatch finished = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int worker = 0; worker < concurrency; worker++) {
            step(next, end, expired, operation, timer, finished);
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Measurement.Latency> byOperation = new TreeMap<>();
        timer.byName.forEach((op, recorder) -> byOperation.put(op, Measurement.Latency.of(
                recorder.getIntervalHistogram())));
        Histogram all = timer.all.getIntervalHistogram();
        return new Measurement(name, timer.requests.get(), timer.errors.get(), timer.firstError.get(), seconds,
                Measurement.Latency.of(all), byOperation);
    }

    private static void step(AtomicInteger next, int end, BooleanSupplier expired, Operation operation, Timer timer,
                             CountDownLatch finished) {
        if (expired.getAsBoolean()) {
            finished.countDown();
            return;
        }
        int index = next.getAndIncrement();
        if (index >= end) {
            finished.countDown();
            return;
        }
        CompletableFuture<?> done;
        try {
            done = operation.run(index, timer);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        // a failed operation was counted by its request; the worker goes on with the next one
        done.whenCompleteAsync((result, failure) -> step(next, end, expired, operation, timer, finished), WORKERS);
    }
}
