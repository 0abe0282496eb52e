package org.handshakeledger.app.operator;

import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.handshakeledger.projections.audit.AuditTrailProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The health indicator {@code catchUp}, part of the readiness probe: OUT_OF_SERVICE after a start until the audit
 * trail has handled every event the store held at start (the head read once the application has started), then UP for
 * good. It latches, so that the readiness of a running ledger never flaps with the audit trail's ordinary lag. The
 * Describe/List views need no wait: they are written in each command's own transaction, and an interrupted swap of
 * their tables is finished by {@link ViewSwapRecovery} before the application can start at all.
 *
 * <p>The audit trail's position is read wherever it runs ({@link ProcessorPositions}): an instance whose audit trail
 * runs on another instance waits for that one to catch up.
 */
@Component
public class CatchUpHealthIndicator implements HealthIndicator {
    private final LongSupplier head;
    private final Supplier<OptionalLong> auditTrailPosition;
    private volatile Long headAtStart;
    private volatile boolean caughtUp;

    @Autowired
    CatchUpHealthIndicator(ProcessorPositions positions) {
        this(positions::head, () -> positions.position(AuditTrailProjection.PROCESSING_GROUP));
    }

    CatchUpHealthIndicator(LongSupplier head, Supplier<OptionalLong> auditTrailPosition) {
        this.head = head;
        this.auditTrailPosition = auditTrailPosition;
    }

    @EventListener(ApplicationStartedEvent.class)
    void started() {
        headAtStart();
    }

    @Override
    public Health health() {
        if (caughtUp) {
            return Health.up().build();
        }
        long target = headAtStart();
        OptionalLong position = auditTrailPosition.get();
        if (position.isEmpty() || position.getAsLong() >= target) {
            caughtUp = true;
            return Health.up().build();
        }
        return Health.outOfService()
                .withDetail("auditTrailPosition", position.getAsLong())
                .withDetail("headAtStart", target)
                .build();
    }

    private synchronized long headAtStart() {
        if (headAtStart == null) {
            headAtStart = head.getAsLong();
        }
        return headAtStart;
    }
}
