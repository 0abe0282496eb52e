package org.handshakeledger.app.operator;

import org.handshakeledger.app.actor.UnrecordedRefusals;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health indicator {@code auditTrail}: DOWN from the first refused request since start-up whose audit record could
 * not be written, with how many there were and the last of them; UP before that.
 *
 * <p>DOWN rather than OUT_OF_SERVICE: the audit trail is failing its promise, nobody took it out of service. It is
 * part of {@code /actuator/health} (and of the group {@code audit}, which shows its details) but of neither probe:
 * the callers got the right answers and still do, so taking the ledger out of traffic (readiness) or restarting it
 * (liveness) would only interrupt them, bring no record back, and with a restart clear this signal. It stays DOWN
 * until the next start, because the gap stays too; README, "For operators", says what to do.
 */
@Component
public class AuditTrailHealthIndicator implements HealthIndicator {
    private final UnrecordedRefusals unrecorded;

    AuditTrailHealthIndicator(UnrecordedRefusals unrecorded) {
        this.unrecorded = unrecorded;
    }

    @Override
    public Health health() {
        UnrecordedRefusals.Summary summary = unrecorded.summary();
        if (summary.count() == 0) {
            return Health.up().withDetail("unrecordedRefusals", 0).build();
        }
        return Health.down()
                .withDetail("unrecordedRefusals", summary.count())
                .withDetail("lastUnrecordedAt", summary.lastAt().toString())
                .withDetail("lastRequestId", summary.lastRequestId())
                .withDetail("lastOperation", summary.lastOperation())
                .withDetail("problem", "refused requests were answered but are missing from the audit trail;"
                        + " the log names each in a line starting 'Audit gap'")
                .build();
    }
}
