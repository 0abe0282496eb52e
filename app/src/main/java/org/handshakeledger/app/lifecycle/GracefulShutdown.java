package org.handshakeledger.app.lifecycle;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The order of a stop (SIGTERM), which Spring runs by lifecycle phase, highest first, then by bean destruction:
 * <ol>
 *     <li>the web server refuses new connections and lets the requests in flight finish, for at most
 *     {@code spring.lifecycle.timeout-per-shutdown-phase} ({@code server.shutdown=graceful}); each of them has made
 *     its write durable before it answered;</li>
 *     <li>this: the deadline scheduler takes no more due deadlines, and the ones running finish (at most
 *     {@code db-scheduler.shutdown-max-wait}). The db-scheduler starter would stop it only when it destroys its
 *     bean, after Axon had unsubscribed the views from the event bus: an expiry could then be stored without its
 *     view row;</li>
 *     <li>Axon: the audit trail's processor finishes its batch and stores its token, then the rest of Axon;</li>
 *     <li>beans: group commit and H2 housekeeping stop (H2 is told to compact as it closes), and last the
 *     connection pool closes, which closes H2.</li>
 * </ol>
 * It logs a line when the stop starts and one when everything is closed ({@code ShutdownConfiguration} takes the
 * scheduler's stop away from the starter).
 */
@Component
public class GracefulShutdown implements SmartLifecycle {
    /**
     * After the web server's stop (graceful at {@link WebServerGracefulShutdownLifecycle#SMART_LIFECYCLE_PHASE}, the
     * server itself 1024 below), before Axon's ({@link SpringAxonConfiguration#LIFECYCLE_PHASE}, 1024 below that).
     */
    static final int PHASE = SpringAxonConfiguration.LIFECYCLE_PHASE + 512;
    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);
    private static final AtomicBoolean FINISH_LINE_REGISTERED = new AtomicBoolean();
    private static volatile long stopStartedNanos;

    private final ObjectProvider<Scheduler> scheduler;
    private final Duration bound;
    private volatile boolean running;

    GracefulShutdown(ObjectProvider<Scheduler> scheduler,
                     @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration bound) {
        this.scheduler = scheduler;
        this.bound = bound;
    }

    @Override
    public void start() {
        running = true;
        // runs after every application context has closed, before the logging system stops; once per JVM
        if (FINISH_LINE_REGISTERED.compareAndSet(false, true)) {
            SpringApplication.getShutdownHandlers().add(GracefulShutdown::finished);
        }
    }

    @EventListener(ContextClosedEvent.class)
    void started(ContextClosedEvent event) {
        if (event.getApplicationContext().getParent() == null) {
            stopStartedNanos = System.nanoTime();
            log.info("Shutdown started: refusing new connections; requests in flight get up to {} to finish, then"
                    + " deadlines running", bound);
        }
    }

    /**
     * Stops the deadline scheduler: it takes no more deadlines (also none it had fetched and not begun), and waits
     * for the ones running, for at most {@code db-scheduler.shutdown-max-wait}.
     */
    @Override
    public void stop() {
        running = false;
        Scheduler deadlines = scheduler.getIfAvailable();
        if (deadlines != null && !deadlines.getSchedulerState().isShuttingDown()) {
            deadlines.stop();
        }
    }

    private static void finished() {
        long started = stopStartedNanos;
        if (started != 0) {
            log.info("Shutdown finished in {} ms: web server, deadline scheduler, event processors (tokens stored)"
                    + " and the store closed", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
