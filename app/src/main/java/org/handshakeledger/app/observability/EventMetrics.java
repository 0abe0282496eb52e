package org.handshakeledger.app.observability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The counter {@value #APPENDED}: events appended to the event store, by payload type (its simple name, e.g.
 * {@code AccountInvitedEvent}). Counted once the transaction that stored them has committed, so an attempt that was
 * rolled back (a lost race that is retried, a refused command) counts nothing.
 *
 * <p>The event bus hands events to its dispatch interceptors once, when they are about to be stored: inside a unit of
 * work, when its root prepares to commit (events of nested units of work are passed up first); without one (a refused
 * request's record), at once, inside the caller's transaction.
 */
@Component
public class EventMetrics {
    public static final String APPENDED = "ledger.events.appended";

    private final MeterRegistry meters;
    private final Map<Class<?>, Counter> counters = new ConcurrentHashMap<>();

    public EventMetrics(MeterRegistry meters, EventBus eventBus) {
        this.meters = meters;
        // not a bean of its own: Axon would add any interceptor bean to the event gateway too, counting twice
        MessageDispatchInterceptor<EventMessage<?>> counting = this::count;
        eventBus.registerDispatchInterceptor(counting);
    }

    private BiFunction<Integer, EventMessage<?>, EventMessage<?>> count(List<? extends EventMessage<?>> messages) {
        List<Class<?>> types = messages.stream().<Class<?>>map(EventMessage::getPayloadType).toList();
        afterCommit(() -> types.forEach(type -> counter(type).increment()));
        return (index, message) -> message;
    }

    private Counter counter(Class<?> type) {
        return counters.computeIfAbsent(type, t -> Counter.builder(APPENDED)
                .description("Events appended to the event store, by payload type")
                .tag("type", t.getSimpleName())
                .register(meters));
    }

    /**
     * After the physical commit: the Spring transaction the events are stored in (the command's, which Axon's unit of
     * work joins, or the caller's own); failing that, the unit of work's commit.
     */
    private static void afterCommit(Runnable count) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> count.run());
        } else {
            count.run();
        }
    }
}
