package org.handshakeledger.app.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryBus;
import org.handshakeledger.projections.SharedStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps requests away from the view tables for the few milliseconds a rebuilt view is swapped in. Every command,
 * deadline and query holds this lock shared: commands and deadlines until their transaction has committed (their
 * events are written to the views inside it), queries while they read. A swap holds it exclusively, so it sees no
 * half-committed write and no reader meets a table in the middle of being renamed.
 *
 * <p>On PostgreSQL, where several instances share the views, the lock is also taken in the database: each command
 * and deadline holds a shared transaction-level advisory lock until it commits, and a swap waits for the exclusive
 * one, so no instance writes a view while another swaps it. Readers need no database lock there: the swap's renames
 * commit at once, and a query that meets them waits and then reads the new tables.
 */
@Component
public class ViewSwapLock {
    /** The advisory lock key of the view swap: "VIEWSWAP" in ASCII, a number no other lock of the ledger uses. */
    static final long ADVISORY_KEY = 0x5649455753574150L;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final boolean clusterWide;

    ViewSwapLock(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clusterWide = SharedStore.isShared(dataSource);
    }

    @Autowired
    void guard(CommandBus commandBus, QueryBus queryBus, DeadlineManager deadlineManager) {
        commandBus.registerHandlerInterceptor(untilUnitOfWorkEnds());
        deadlineManager.registerHandlerInterceptor(untilUnitOfWorkEnds());
        queryBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            lock.readLock().lock();
            try {
                return chain.proceed();
            } finally {
                lock.readLock().unlock();
            }
        });
    }

    /** Runs {@code work} while no swap can happen. */
    public <T> T shared(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} once every request in progress has finished, with new ones waiting until it is done.
     *
     * @throws IllegalStateException when requests in progress did not finish within {@code timeout}
     */
    public void exclusively(Duration timeout, Runnable work) throws InterruptedException {
        if (!lock.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Requests in progress did not finish within " + timeout);
        }
        try {
            if (clusterWide) {
                exclusivelyInDatabase(timeout, work);
            } else {
                work.run();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Holds the exclusive advisory lock on a connection of its own while {@code work} runs. Waiting for it queues
     * behind the commands in progress on every instance, and the commands that start meanwhile queue behind it.
     */
    private void exclusivelyInDatabase(Duration timeout, Runnable work) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("SET lock_timeout = " + Math.max(1, timeout.toMillis()));
            try {
                statement.execute("SELECT pg_advisory_lock(" + ADVISORY_KEY + ")");
            } catch (SQLException e) {
                throw new IllegalStateException("Requests in progress on the instances of the ledger did not finish"
                        + " within " + timeout, e);
            } finally {
                statement.execute("RESET lock_timeout");
            }
            try {
                work.run();
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + ADVISORY_KEY + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not hold the view swap lock in the database: " + e.getMessage(), e);
        }
    }

    /*
     * Taken before the handler loads its aggregate, so a request never waits for the lock while holding an
     * aggregate another request needs. Nested commands run in their parent's transaction and already hold it, and so
     * do the commands of LedgerGateway, which takes it before the transaction begins: waiting for a swap then holds no
     * database connection, which the swap itself needs from the same pool.
     */
    private <T extends Message<?>> MessageHandlerInterceptor<T> untilUnitOfWorkEnds() {
        return (unitOfWork, chain) -> {
            if (lock.getReadHoldCount() == 0) {
                lock.readLock().lock();
                unitOfWork.root().onCleanup(ended -> lock.readLock().unlock());
            }
            if (clusterWide) {
                // in the unit of work's transaction, which Axon's transaction interceptor has begun before this one
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    throw new IllegalStateException("No transaction to hold the view swap lock in");
                }
                jdbc.execute("SELECT pg_advisory_xact_lock_shared(" + ADVISORY_KEY + ")");
            }
            return chain.proceed();
        };
    }
}
