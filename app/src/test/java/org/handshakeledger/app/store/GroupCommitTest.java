package org.handshakeledger.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private GroupCommit groupCommit;

    @AfterEach
    void tearDown() throws InterruptedException {
        callers.shutdownNow();
        if (groupCommit != null) {
            groupCommit.close();
        }
    }

    @Test
    void releasesManyConcurrentCallersWithFewerFlushesThanCallers() throws Exception {
        // given
        AtomicInteger flushes = new AtomicInteger();
        groupCommit = new GroupCommit("test-flusher", () -> {
            flushes.incrementAndGet();
            Thread.sleep(20);
        }, TIMEOUT);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> waiting = new ArrayList<>();

        // when
        for (int i = 0; i < 64; i++) {
            waiting.add(CompletableFuture.runAsync(() -> {
                awaitQuietly(start);
                groupCommit.await();
            }, callers));
        }
        start.countDown();

        // then
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(flushes.get()).isBetween(1, 16);
    }

    @Test
    void aCallerIsNotReleasedByAFlushThatStartedBeforeIt() throws Exception {
        // given
        Semaphore flushMayFinish = new Semaphore(0);
        Semaphore flushStarted = new Semaphore(0);
        groupCommit = new GroupCommit("test-flusher", () -> {
            flushStarted.release();
            flushMayFinish.acquire();
        }, TIMEOUT);
        CompletableFuture<Void> first = CompletableFuture.runAsync(groupCommit::await, callers);
        assertThat(flushStarted.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

        // when: a second caller waits while the first flush runs (parked in await(): nothing else here times a wait)
        AtomicReference<Thread> secondCaller = new AtomicReference<>();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            secondCaller.set(Thread.currentThread());
            groupCommit.await();
        }, callers);
        await("the second caller waiting").atMost(TIMEOUT).until(() -> secondCaller.get() != null
                && secondCaller.get().getState() == Thread.State.TIMED_WAITING);
        flushMayFinish.release();

        // then
        first.get(5, TimeUnit.SECONDS);
        assertThat(flushStarted.tryAcquire(5, TimeUnit.SECONDS)).as("a second flush started").isTrue();
        assertThat(second).isNotDone();
        flushMayFinish.release();
        second.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailingFlushFailsItsCallersAndTheNextFlushServesLaterOnes() {
        // given
        AtomicBoolean failing = new AtomicBoolean(true);
        groupCommit = new GroupCommit("test-flusher", () -> {
            if (failing.get()) {
                throw new IOException("disk full");
            }
        }, TIMEOUT);

        // when, then
        assertThatThrownBy(groupCommit::await)
                .isInstanceOf(CommitNotDurableException.class)
                .hasRootCauseInstanceOf(IOException.class)
                .hasRootCauseMessage("disk full");
        failing.set(false);
        groupCommit.await();
    }

    @Test
    void aFlushThatDoesNotFinishFailsItsCallersAfterTheTimeout() {
        // given
        CountDownLatch never = new CountDownLatch(1);
        groupCommit = new GroupCommit("test-flusher", never::await, Duration.ofMillis(200));

        // when, then
        long start = System.nanoTime();
        assertThatThrownBy(groupCommit::await)
                .isInstanceOf(CommitNotDurableException.class)
                .hasMessageContaining("took longer than 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        never.countDown();
    }

    @Test
    void refusesCallersOnceClosed() throws InterruptedException {
        // given
        groupCommit = new GroupCommit("test-flusher", () -> {
        }, TIMEOUT);

        // when
        groupCommit.close();

        // then
        assertThatThrownBy(groupCommit::await).isInstanceOf(CommitNotDurableException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
