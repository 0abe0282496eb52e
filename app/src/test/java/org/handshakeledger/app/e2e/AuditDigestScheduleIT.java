package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Digests are signed every {@code ledger.audit.digest-interval} without anyone asking, each after the one before. The
 * context is closed afterwards rather than cached: it would go on signing every second for the rest of the suite.
 */
@DirtiesContext
@TestPropertySource(properties = {
    "ledger.audit.digest-interval=PT1S",
    "db-scheduler.polling-interval=200ms"
})
class AuditDigestScheduleIT extends AbstractLedgerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aDigestIsSignedEveryIntervalByItself() throws InterruptedException {
        // given
        LedgerHttp http = new LedgerHttp(port);
        Instant deadline = Instant.now().plus(PATIENCE);

        // when
        JsonNode digests = http.get(LedgerActors.AUDITOR, "/ledger/audit/digests").json();
        while (digests.size() < 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            digests = http.get(LedgerActors.AUDITOR, "/ledger/audit/digests").json();
        }

        // then
        assertThat(digests.size()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i + 1 < digests.size(); i++) {
            assertThat(digests.get(i).get("previousSignature")).isEqualTo(digests.get(i + 1).get("signature"));
            assertThat(Instant.parse(digests.get(i).get("time").asText()))
                    .isAfter(Instant.parse(digests.get(i + 1).get("time").asText()));
        }
        JsonNode verification = http.get(LedgerActors.AUDITOR, "/ledger/audit/verify").json();
        assertThat(verification.get("valid").asBoolean()).as("%s", verification).isTrue();
    }
}
