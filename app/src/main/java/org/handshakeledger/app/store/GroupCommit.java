package org.handshakeledger.app.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets many threads wait for one flush. A caller of {@link #await()} returns once a flush that started after it
 * called has finished; one thread runs flushes back to back for as long as anyone waits, so every caller that
 * arrives while a flush is running is served by the next one. A flush that fails, or none finishing in time, fails
 * the callers that were waiting for it with {@link CommitNotDurableException}; the next flush is tried for the next
 * callers.
 */
final class GroupCommit implements AutoCloseable {

    /** Makes everything committed before it started durable. Runs on one thread only. */
    @FunctionalInterface
    interface Flush {
        void run() throws Exception;
    }

    private final Flush flush;
    private final long timeoutNanos;
    private final Thread flusher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private final Condition finished = lock.newCondition();

    // flushes are numbered from 1; all guarded by lock
    /** The number of the next flush to start: callers arriving now wait for it. */
    private long next = 1;
    private boolean nextAwaited;
    private long lastSucceeded;
    private long lastFailed;
    private Throwable lastFailure;
    private boolean closed;

    GroupCommit(String threadName, Flush flush, Duration timeout) {
        this.flush = flush;
        this.timeoutNanos = timeout.toNanos();
        this.flusher = new Thread(this::flushWhileAwaited, threadName);
        flusher.setDaemon(true);
        flusher.start();
    }

    /** Returns once a flush that started after this call has finished; throws if it failed or took too long. */
    void await() {
        lock.lock();
        try {
            if (closed) {
                throw new CommitNotDurableException("the store is closing; this commit's durability is unknown",
                        null);
            }
            long awaited = next;
            nextAwaited = true;
            requested.signal();
            long remaining = timeoutNanos;
            while (lastSucceeded < awaited) {
                // a later flush that succeeded covers this caller as well, hence this check comes second
                if (lastFailed >= awaited) {
                    throw new CommitNotDurableException("writing the store failed", lastFailure);
                }
                if (remaining <= 0) {
                    throw new CommitNotDurableException("writing the store took longer than "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", null);
                }
                remaining = finished.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommitNotDurableException("interrupted while waiting for the store to be written", e);
        } finally {
            lock.unlock();
        }
    }

    private void flushWhileAwaited() {
        while (true) {
            long number;
            lock.lock();
            try {
                while (!nextAwaited && !closed) {
                    requested.awaitUninterruptibly();
                }
                if (!nextAwaited) {
                    return;
                }
                number = next++;
                nextAwaited = false;
            } finally {
                lock.unlock();
            }
            Throwable failure = null;
            try {
                flush.run();
            } catch (Throwable e) {
                failure = e;
            }
            lock.lock();
            try {
                if (failure == null) {
                    lastSucceeded = number;
                } else {
                    lastFailed = number;
                    lastFailure = failure;
                }
                finished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Serves the callers already waiting, then stops the flushing thread (never interrupting a flush: H2 ignores an
     * interrupt while it waits for its own writers, so an interrupted flush could report writes it has not made).
     */
    @Override
    public void close() throws InterruptedException {
        lock.lock();
        try {
            closed = true;
            requested.signal();
        } finally {
            lock.unlock();
        }
        flusher.join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
    }
}
