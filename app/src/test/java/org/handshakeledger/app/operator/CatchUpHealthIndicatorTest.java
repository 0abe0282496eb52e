package org.handshakeledger.app.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** Readiness after a start: out of service while the audit trail is behind the head at start, then UP for good. */
class CatchUpHealthIndicatorTest {
    private final AtomicLong head = new AtomicLong(120);
    private final AtomicLong auditTrail = new AtomicLong(40);
    private final CatchUpHealthIndicator indicator = new CatchUpHealthIndicator(head::get,
            () -> OptionalLong.of(auditTrail.get()));

    @Test
    void isOutOfServiceWhileTheAuditTrailIsBehindTheHeadAtStart() {
        // given
        indicator.started();

        // when
        Health health = indicator.health();

        // then
        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("auditTrailPosition", 40L).containsEntry("headAtStart", 120L);
    }

    @Test
    void isUpOnceTheAuditTrailReachedTheHeadAtStartThoughNewEventsArrived() {
        // given
        indicator.started();
        head.set(150);

        // when
        auditTrail.set(120);

        // then
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void staysUpWhenTheAuditTrailFallsBehindLater() {
        // given
        indicator.started();
        auditTrail.set(120);
        indicator.health();

        // when
        head.set(500);

        // then
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void isUpAtOnceOnAnEmptyStore() {
        // given
        head.set(0);
        auditTrail.set(0);

        // when
        indicator.started();

        // then
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void isUpWithoutAnAuditTrailProcessor() {
        CatchUpHealthIndicator withoutAuditTrail = new CatchUpHealthIndicator(head::get, OptionalLong::empty);

        assertThat(withoutAuditTrail.health().getStatus()).isEqualTo(Status.UP);
    }
}
