package org.handshakeledger.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.ScopeDescriptor;

/**
 * The deadline manager of {@link LedgerFixture}: hands out predictable ids (the deadline's name and a counter:
 * {@code handshake-expiry-1}, {@code handshake-retention-2}), keeps what is scheduled until it is cancelled or fired,
 * and fires what is due when the fixture's time advances. Like the durable one, it schedules and cancels when the
 * unit of work commits, so a refused command leaves nothing behind.
 */
public final class RecordingDeadlineManager extends AbstractDeadlineManager {
    private final Map<String, Scheduled> scheduled = new LinkedHashMap<>();
    private int counter;

    /** A deadline waiting to fire. */
    public record Scheduled(String id, String name, Instant at, Object payload, ScopeDescriptor scope) {
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object payload, ScopeDescriptor scope) {
        String id = deadlineName + "-" + (++counter);
        runOnPrepareCommitOrNow(() -> scheduled.put(id, new Scheduled(id, deadlineName, triggerDateTime, payload,
                scope)));
        return id;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> scheduled.remove(scheduleId));
    }

    @Override
    public void cancelAll(String deadlineName) {
        throw new UnsupportedOperationException("the ledger cancels deadlines by id only (AXON-NOTES §7)");
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        throw new UnsupportedOperationException("the ledger cancels deadlines by id only (AXON-NOTES §7)");
    }

    /** What is scheduled now, by time; deadlines due at the same time in the order they were scheduled. */
    public List<Scheduled> scheduled() {
        return scheduled.values().stream().sorted(Comparator.comparing(Scheduled::at)).toList();
    }

    /** Removes and answers the deadlines due at {@code now}, each as the message its handler receives. */
    List<Map.Entry<ScopeDescriptor, DeadlineMessage<?>>> takeDue(Instant now) {
        List<Map.Entry<ScopeDescriptor, DeadlineMessage<?>>> due = new ArrayList<>();
        for (Scheduled deadline : scheduled()) {
            if (!deadline.at().isAfter(now)) {
                scheduled.remove(deadline.id());
                due.add(Map.entry(deadline.scope(), GenericDeadlineMessage.asDeadlineMessage(deadline.name(),
                        deadline.payload(), deadline.at())));
            }
        }
        return due;
    }
}
