package org.handshakeledger.app.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the H2 file from growing without bound: rewrites half-empty chunks every few seconds so their space is reused
 * (h2database#442). With {@code WRITE_DELAY=0} the file grew by hundreds of kilobytes per request without it.
 * Nothing happens for a database other than embedded H2.
 */
@Component
class H2Housekeeping implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);
    private static final long INTERVAL_SECONDS = 2;
    /** Chunks less than half full are rewritten: enough to reuse the space, without churning a large file. */
    private static final int TARGET_FILL_RATE = 50;
    private static final int MAX_BYTES_PER_ROUND = 16 * 1024 * 1024;
    private static final int MAX_ROUNDS = 8;

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "h2-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    H2Housekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::compact, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    void compact() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return;
            }
            if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                    || session.getDatabase().getStore() == null) {
                return;
            }
            MVStore store = session.getDatabase().getStore().getMvStore();
            // each round rewrites a bounded amount and says whether there was anything to rewrite
            for (int round = 0; round < MAX_ROUNDS && !scheduler.isShutdown(); round++) {
                if (!store.compact(TARGET_FILL_RATE, MAX_BYTES_PER_ROUND)) {
                    return;
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("H2 housekeeping failed; will try again: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
