package org.handshakeledger.app.operator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps requests away from the view tables for the few milliseconds a rebuilt view is swapped in. Every command,
 * deadline and query holds this lock shared: commands and deadlines until their transaction has committed (their
 * events are written to the views inside it), queries while they read. A swap holds it exclusively, so it sees no
 * half-committed write and no reader meets a table in the middle of being renamed.
 */
@Component
public class ViewSwapLock {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

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
            work.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /*
     * Taken before the handler loads its aggregate, so a request never waits for the lock while holding an
     * aggregate another request needs. Nested commands run in their parent's transaction and already hold it.
     */
    private <T extends Message<?>> MessageHandlerInterceptor<T> untilUnitOfWorkEnds() {
        return (unitOfWork, chain) -> {
            if (lock.getReadHoldCount() > 0) {
                return chain.proceed();
            }
            lock.readLock().lock();
            unitOfWork.root().onCleanup(ended -> lock.readLock().unlock());
            return chain.proceed();
        };
    }
}
