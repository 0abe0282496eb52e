package org.handshakeledger.app.operator;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.common.AxonThreadFactory;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.stereotype.Service;

/**
 * Starts rebuilds of views, one at a time across every instance sharing the database, and tells how the running or
 * last one of each view went, wherever it ran ({@link RebuildBoard}).
 */
@Service
public class ViewRebuilds implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ViewRebuilds.class);
    private static final long REPORT_MILLIS = 1_000;

    private final RebuildEnvironment environment;
    private final AutowireCapableBeanFactory beans;
    private final RebuildBoard board;
    private final AtomicReference<ViewRebuild> running = new AtomicReference<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(new AxonThreadFactory("rebuild"));
    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
            new AxonThreadFactory("rebuild-report"));

    ViewRebuilds(RebuildEnvironment environment, AutowireCapableBeanFactory beans, RebuildBoard board) {
        this.environment = environment;
        this.beans = beans;
        this.board = board;
        reporter.scheduleWithFixedDelay(this::reportRunning, REPORT_MILLIS, REPORT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts rebuilding {@code view} in the background and returns at once.
     *
     * @throws RebuildInProgressException when a rebuild (of any view) is running
     */
    public RebuildProgress start(RebuildableView view) {
        ViewRebuild rebuild = claim(view);
        background.execute(() -> runClaimed(rebuild));
        return rebuild.progress();
    }

    /** Rebuilds {@code view} on this thread, for the offline mode. */
    public RebuildProgress runNow(RebuildableView view) {
        return runClaimed(claim(view));
    }

    /** The running or last rebuild of {@code view}, on this instance or another. */
    public Optional<RebuildProgress> latest(RebuildableView view) {
        ViewRebuild here = running.get();
        if (here != null && here.view() == view) {
            return Optional.of(here.progress());
        }
        return board.latest(view);
    }

    private ViewRebuild claim(RebuildableView view) {
        // a fresh instance of the view's handlers, wired like the live one but known to no processor yet
        ViewRebuild rebuild = new ViewRebuild(view, beans.createBean(view.handlerType()), environment);
        if (!running.compareAndSet(null, rebuild)) {
            throw new RebuildInProgressException(running.get().progress());
        }
        try {
            board.claim(rebuild.progress());
        } catch (RuntimeException e) {
            running.set(null);
            throw e;
        }
        return rebuild;
    }

    private RebuildProgress runClaimed(ViewRebuild rebuild) {
        try {
            RebuildProgress result = rebuild.run();
            board.report(result);
            return result;
        } finally {
            running.set(null);
        }
    }

    private void reportRunning() {
        ViewRebuild current = running.get();
        try {
            if (current != null) {
                board.report(current.progress());
            }
        } catch (RuntimeException e) {
            log.warn("Could not report the progress of the rebuild of {}: {}", current.view().processingGroup(),
                    e.getMessage());
        }
    }

    @Override
    public void destroy() {
        reporter.shutdownNow();
        background.shutdownNow();
    }
}
