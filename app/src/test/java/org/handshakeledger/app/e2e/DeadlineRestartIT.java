package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;

/**
 * Deadlines are durable: a ledger that is down when a handshake's expiry and deletion fall due expires and deletes
 * it as soon as it is started again on the same data directory.
 */
class DeadlineRestartIT {
    private static final String MANAGEMENT = "111111111111";
    /** The demo directory's auditor. */
    private static final String AUDITOR_KEY = "AKIADEMO777777777777";
    private static final String AUDITOR_SECRET = "demo-secret-777777777777";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String[] SHORT_LIFETIMES = {"--ledger.handshake.invite-expiry=PT3S",
        "--ledger.handshake.retention=PT2S", "--db-scheduler.polling-interval=500ms"};

    @Test
    void deadlinesThatFellDueWhileTheLedgerWasDownFireAtTheNextStart() throws Exception {
        // given a handshake invited just before the ledger stops
        Path dataDir = Files.createDirectories(Path.of("target", "it-restart")).resolve("data-" + System.nanoTime());
        Handshake invitation;
        try (LedgerProcess ledger = new LedgerProcess(dataDir, SHORT_LIFETIMES).start();
             OrganizationsClient management = ledger.demoClient(MANAGEMENT)) {
            management.createOrganization(r -> { });
            invitation = management.inviteAccountToOrganization(r -> r.target(t -> t.id("222222222222")
                    .type(HandshakePartyType.ACCOUNT))).handshake();
        }
        assertThat(eventTypes(dataDir, invitation.id())).containsExactly("AccountInvitedEvent");

        // when it stays down past expiry + retention, then starts again
        EventStoreProbe.sleepUntil(invitation.expirationTimestamp().plusSeconds(3));
        try (LedgerProcess restarted = new LedgerProcess(dataDir, SHORT_LIFETIMES).start()) {
            // H2 locks its file while the ledger runs, so the store is read after it stops; meanwhile the
            // handshake's history shows when the scheduler has run the expiry, then the deletion it schedules
            LedgerHttp auditor = new LedgerHttp(restarted.endpoint().getPort());
            String history = "/ledger/handshakes/" + invitation.id() + "/history";
            await("the deletion in the history").atMost(PATIENCE).until(() -> auditor.send("GET", AUDITOR_KEY,
                    AUDITOR_SECRET, history).body().contains("HandshakeDeletedEvent"));
        }

        // then
        assertThat(eventTypes(dataDir, invitation.id()))
                .containsExactly("AccountInvitedEvent", "HandshakeExpiredEvent", "HandshakeDeletedEvent");
    }

    private static List<String> eventTypes(Path dataDir, String aggregateId) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("handshake-ledger");
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true);
        try {
            return new EventStoreProbe(new JdbcTemplate(dataSource)).eventTypes(aggregateId);
        } finally {
            dataSource.destroy();
        }
    }
}
