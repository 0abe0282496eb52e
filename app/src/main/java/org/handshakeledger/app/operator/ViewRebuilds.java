package org.handshakeledger.app.operator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.common.AxonThreadFactory;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.stereotype.Service;

/**
 * Starts rebuilds of views, one at a time, and remembers how the last one of each view went (since start-up).
 */
@Service
public class ViewRebuilds implements DisposableBean {
    private final RebuildEnvironment environment;
    private final AutowireCapableBeanFactory beans;
    private final AtomicReference<ViewRebuild> running = new AtomicReference<>();
    private final Map<RebuildableView, ViewRebuild> latest = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(new AxonThreadFactory("rebuild"));

    ViewRebuilds(RebuildEnvironment environment, AutowireCapableBeanFactory beans) {
        this.environment = environment;
        this.beans = beans;
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

    /** The running or last rebuild of {@code view} since start-up. */
    public Optional<RebuildProgress> latest(RebuildableView view) {
        return Optional.ofNullable(latest.get(view)).map(ViewRebuild::progress);
    }

    private ViewRebuild claim(RebuildableView view) {
        // a fresh instance of the view's handlers, wired like the live one but known to no processor yet
        ViewRebuild rebuild = new ViewRebuild(view, beans.createBean(view.handlerType()), environment);
        if (!running.compareAndSet(null, rebuild)) {
            throw new RebuildInProgressException(running.get().progress());
        }
        latest.put(view, rebuild);
        return rebuild;
    }

    private RebuildProgress runClaimed(ViewRebuild rebuild) {
        try {
            return rebuild.run();
        } finally {
            running.set(null);
        }
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }
}
