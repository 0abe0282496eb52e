package org.handshakeledger.app.mirror;

import java.time.Instant;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What {@code GET /ledger/mirror} and the console's mirror page show: whether mirror mode is on, what it reads, and
 * how its polls go. {@code interval} is an ISO-8601 duration. {@code nextPollAt} is null while a poll runs ({@code polling}): the next one is scheduled when
 * it ends.
 */
public record MirrorStatus(boolean enabled, String endpoint, String region, String interval,
                           String organizationId, String accountId, Instant lastPollStartedAt,
                           Instant lastPollEndedAt, Instant lastSuccessAt, boolean polling, Instant nextPollAt,
                           LastError lastError, int failuresInARow, int handshakesListed, long handshakesSeen,
                           long handshakesVanished) {

    /** The last poll that failed, kept after later successes, with when it failed. */
    public record LastError(Instant at, String message) {
    }

    /** Reads the status of the configured endpoint from the poller's memory and db-scheduler. */
    @Component
    public static class Reader {
        /** The db-scheduler task that polls. */
        public static final String TASK = "handshake-mirror";

        private final MirrorSettings settings;
        private final MirrorState state;
        private final ObjectProvider<SchedulerClient> scheduler;

        public Reader(MirrorSettings settings, MirrorState state, ObjectProvider<SchedulerClient> scheduler) {
            this.settings = settings;
            this.state = state;
            this.scheduler = scheduler;
        }

        public MirrorStatus current() {
            MirrorState.PollStatus polls = state.status(settings.endpoint());
            Optional<ScheduledExecution<Object>> next = settings.enabled() ? nextPoll() : Optional.empty();
            boolean polling = next.map(ScheduledExecution::isPicked).orElse(false);
            return new MirrorStatus(settings.enabled(), settings.endpoint(), settings.region(), settings.interval().toString(),
                    polls.organizationId(), polls.accountId(), polls.lastPollStartedAt(), polls.lastPollEndedAt(),
                    polls.lastSuccessAt(), polling,
                    next.filter(e -> !e.isPicked()).map(ScheduledExecution::getExecutionTime).orElse(null),
                    polls.lastError() == null ? null : new LastError(polls.lastErrorAt(), polls.lastError()),
                    polls.failuresInARow(), polls.handshakesListed(), polls.handshakesSeen(),
                    polls.handshakesVanished());
        }

        private Optional<ScheduledExecution<Object>> nextPoll() {
            SchedulerClient client = scheduler.getIfAvailable();
            return client == null ? Optional.empty()
                    : client.getScheduledExecution(TaskInstanceId.of(TASK, RecurringTask.INSTANCE));
        }
    }
}
