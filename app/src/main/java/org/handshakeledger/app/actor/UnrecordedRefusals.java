package org.handshakeledger.app.actor;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The refused requests since start-up whose audit record could not be written, or not confirmed in the file: gaps in
 * the audit trail. Counted in the metric {@value #METRIC}; the last one is remembered for the health indicator
 * {@code auditTrail}. Kept in memory only: the ERROR log lines of {@link RefusedRequests} are the lasting evidence.
 */
@Component
public class UnrecordedRefusals {
    public static final String METRIC = "ledger.audit.refusals.unrecorded";

    private final Counter counter;
    private final AtomicReference<Summary> summary = new AtomicReference<>(new Summary(0, null, null, null));

    /**
     * How many refusals went unrecorded since start-up, and the last of them (all null while there is none).
     *
     * @param count         refusals not recorded
     * @param lastAt        when the last one was refused
     * @param lastRequestId its {@code x-amzn-RequestId}, as its caller got it
     * @param lastOperation its AWS operation
     */
    public record Summary(long count, Instant lastAt, String lastRequestId, String lastOperation) {
    }

    public UnrecordedRefusals(MeterRegistry meters) {
        this.counter = Counter.builder(METRIC)
                .description("Refused requests whose audit record could not be written since start-up")
                .register(meters);
    }

    void add(RequestActor actor, Instant refusedAt) {
        summary.updateAndGet(s -> new Summary(s.count() + 1, refusedAt, actor.requestId(), actor.operation()));
        counter.increment();
    }

    public Summary summary() {
        return summary.get();
    }
}
