package org.handshakeledger.app.operator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.handshakeledger.app.store.ViewSwapLock;
import org.handshakeledger.app.operator.RebuildProgress.State;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.handshakeledger.projections.rebuild.ShadowTables;
import org.handshakeledger.projections.rebuild.ViewTableSwap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rebuild of one view. A fresh instance of the view's event handlers runs in its own pooled streaming processor
 * (named {@code <view>-rebuild}), from a {@link ReplayToken} at the start of the event store, on threads whose SQL
 * goes to the view's shadow tables; the live view keeps serving meanwhile. Once the rebuild has caught up with the
 * head of the store, the shadow tables are swapped in under the {@link ViewSwapLock}, and a live streaming processor
 * of the view continues from where the rebuild stopped.
 */
final class ViewRebuild {
    private static final Logger log = LoggerFactory.getLogger(ViewRebuild.class);
    private static final long POLL_MILLIS = 50;

    private final RebuildableView view;
    private final Object handlers;
    private final RebuildEnvironment environment;
    // as the database stores it, so that every instance shows the same time
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private final AtomicReference<RebuildProgress> finished = new AtomicReference<>();
    private volatile State state = State.RUNNING;
    private volatile PooledStreamingEventProcessor processor;
    private volatile long reached;
    private ScheduledExecutorService coordinator;
    private ScheduledExecutorService worker;

    ViewRebuild(RebuildableView view, Object handlers, RebuildEnvironment environment) {
        this.view = view;
        this.handlers = handlers;
        this.environment = environment;
    }

    RebuildableView view() {
        return view;
    }

    String processorName() {
        return view.processingGroup() + "-rebuild";
    }

    /** Rebuilds the view and swaps it in; returns once that is done or has failed. */
    RebuildProgress run() {
        try {
            requireLiveProcessorHere();
            rebuildIntoShadow();
            swapIn();
            finish(State.COMPLETED, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(State.FAILED, "interrupted");
        } catch (RuntimeException e) {
            log.error("Rebuild of {} failed; the live view was left as it was", view.processingGroup(), e);
            finish(State.FAILED, e.getMessage());
        } finally {
            stopProcessor();
            if (coordinator != null) {
                coordinator.shutdownNow();
                worker.shutdownNow();
            }
            environment.tokens().forget(processorName());
        }
        return progress();
    }

    RebuildProgress progress() {
        RebuildProgress done = finished.get();
        if (done != null) {
            return done;
        }
        EventTrackerStatus status = status();
        String error = status != null && status.isErrorState() ? String.valueOf(status.getError()) : null;
        return new RebuildProgress(view.processingGroup(), state, startedAt, null, position(), environment.head(),
                rate(Instant.now()), error);
    }

    /**
     * A view kept by a streaming processor (the audit trail) is rebuilt where that processor runs: the swap hands the
     * rebuilt tables over to it, with the position the rebuild reached. With several instances that is the one that
     * holds its segments.
     */
    private void requireLiveProcessorHere() {
        if (environment.liveProcessor(view.processingGroup()) instanceof StreamingEventProcessor live) {
            int segments = environment.transactionManager().fetchInTransaction(
                    () -> environment.tokenStore().fetchSegments(live.getName()).length);
            // not running at all: the offline rebuild, which hands the position over through the token store itself
            if (live.isRunning() && live.processingStatus().size() < segments) {
                throw new IllegalStateException("The processor " + live.getName() + " does not run on this instance"
                        + " now (another instance of the ledger holds it, or it has not started yet): start the"
                        + " rebuild on the instance whose GET /ledger/projections shows its position");
            }
        }
    }

    private void rebuildIntoShadow() throws InterruptedException {
        ViewTableSwap tables = environment.tables();
        tables.clearShadow(view);
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .build();
        // the view's own @ResetHandler runs too, against the shadow tables, for anything it keeps besides rows
        environment.transactionManager().executeInTransaction(() -> ShadowTables.routed(invoker::performReset));
        environment.tokens().forget(processorName());
        coordinator = Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory(processorName()));
        // the worker runs the handlers and commits their writes: every statement it makes goes to the shadow tables
        worker = Executors.newSingleThreadScheduledExecutor(ShadowTables.threadFactory(processorName()));
        processor = PooledStreamingEventProcessor.builder()
                .name(processorName())
                .eventHandlerInvoker(invoker)
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(environment.eventStore())
                .tokenStore(environment.tokenStore())
                .transactionManager(environment.transactionManager())
                .coordinatorExecutor(coordinator)
                .workerExecutor(worker)
                .initialSegmentCount(1)
                .batchSize(environment.settings().batchSize())
                .initialToken(source -> ReplayToken.createReplayToken(source.createHeadToken()))
                .build();
        log.info("Rebuilding {} from the event store ({} events); the live view keeps serving",
                view.processingGroup(), environment.head());
        processor.start();
        // the events written meanwhile are caught up with in a second pass, and the last few under the swap lock:
        // chasing a head that writes keep moving could go on for as long as they do
        awaitCaughtUpWhileServing(environment.head());
        awaitCaughtUpWhileServing(environment.head());
    }

    private void awaitCaughtUpWhileServing(long head) throws InterruptedException {
        Instant nextReport = Instant.now().plus(environment.settings().progressInterval());
        while (!caughtUp(head)) {
            Thread.sleep(POLL_MILLIS);
            if (!processor.isRunning()) {
                throw new IllegalStateException("The rebuild's event processor stopped");
            }
            // a rebuild that cannot go on fails at once and says why, rather than retrying for ever
            EventTrackerStatus status = status();
            if (status != null && status.isErrorState()) {
                throw new IllegalStateException("An event after position " + position() + " could not be handled: "
                        + status.getError(), status.getError());
            }
            if (Instant.now().isAfter(nextReport)) {
                logProgress();
                nextReport = Instant.now().plus(environment.settings().progressInterval());
            }
        }
    }

    private void swapIn() throws InterruptedException {
        state = State.SWAPPING;
        EventProcessor live = environment.liveProcessor(view.processingGroup());
        environment.swapLock().exclusively(environment.settings().swapTimeout(), () -> {
            long head = environment.head();
            awaitCaughtUp(head);
            stopProcessor();
            environment.checkBeforeSwap(view);
            boolean restart = live instanceof StreamingEventProcessor streaming && streaming.isRunning();
            if (live instanceof StreamingEventProcessor streaming) {
                streaming.shutDown();
            }
            environment.tables().swap(view);
            if (live instanceof StreamingEventProcessor streaming) {
                continueFromRebuild(streaming);
                if (restart) {
                    streaming.start();
                }
            }
        });
        // the old rows are now in the shadow tables, where nobody reads them
        environment.tables().clearShadow(view);
    }

    /** The live processor goes on from the rebuild's position, since its tables are now the rebuilt ones. */
    private void continueFromRebuild(StreamingEventProcessor live) {
        TokenStore tokenStore = environment.tokenStore();
        environment.transactionManager().executeInTransaction(() -> {
            TrackingToken reached = WrappedToken.unwrapLowerBound(tokenStore.fetchToken(processorName(), 0));
            for (int segment : tokenStore.fetchSegments(live.getName())) {
                tokenStore.storeToken(reached, live.getName(), segment);
                tokenStore.releaseClaim(live.getName(), segment);
            }
            tokenStore.releaseClaim(processorName(), 0);
        });
    }

    private void awaitCaughtUp(long head) {
        long deadline = System.nanoTime() + environment.settings().swapTimeout().toNanos();
        while (!caughtUp(head)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The rebuild did not reach the head of the event store ("
                        + head + ") within " + environment.settings().swapTimeout());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while swapping in " + view.processingGroup(), e);
            }
        }
    }

    private boolean caughtUp(long head) {
        return position() >= head;
    }

    private long position() {
        EventTrackerStatus status = status();
        if (status != null) {
            reached = Math.max(reached, status.getCurrentPosition().orElse(0));
        }
        return reached;
    }

    private EventTrackerStatus status() {
        PooledStreamingEventProcessor current = processor;
        return current == null ? null : current.processingStatus().get(0);
    }

    private void stopProcessor() {
        PooledStreamingEventProcessor current = processor;
        if (current != null && current.isRunning()) {
            current.shutdownAsync().orTimeout(environment.settings().swapTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .join();
        }
    }

    private void logProgress() {
        RebuildProgress progress = progress();
        log.info("Rebuilding {}: {}% ({} of {} events, {} events/s)", view.processingGroup(), progress.percent(),
                progress.position(), progress.head(), progress.eventsPerSecond());
    }

    private void finish(State end, String error) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RebuildProgress result = new RebuildProgress(view.processingGroup(), end, startedAt, now, reached,
                environment.head(), rate(now), error);
        finished.set(result);
        state = end;
        if (end == State.COMPLETED) {
            log.info("Rebuilt {}: {} events in {} s ({} events/s)", view.processingGroup(), result.position(),
                    Duration.between(startedAt, now).toMillis() / 1000.0, result.eventsPerSecond());
        }
    }

    private long rate(Instant now) {
        double seconds = Duration.between(startedAt, now).toNanos() / 1e9;
        return seconds <= 0 ? 0 : Math.round(reached / seconds);
    }
}
