package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * An acknowledged write survives {@code kill -9}. Runs the packaged jar as a user would, with no options but a
 * port, a data directory and room in the quotas (so also on the built-in demo directory of accounts), answers a burst of writes, is
 * killed right after the last answer, and must show every one of them after it starts again.
 */
class CrashDurabilityIT {
    private static final String MANAGEMENT = "111111111111";
    private static final int WRITES = 200;
    private static final String[] ROOM_FOR_ALL_WRITES = {"--ledger.limits.accounts-per-organization=1000",
        "--ledger.limits.invitations-per-day=1000"};

    @Test
    void everyAcknowledgedWriteIsStillThereAfterKill9() throws Exception {
        // given
        Path dataDir = Files.createDirectories(Path.of("target", "it-crash")).resolve("data-" + System.nanoTime());
        List<String> acknowledged = new ArrayList<>();
        String organization;
        try (LedgerProcess ledger = new LedgerProcess(dataDir, ROOM_FOR_ALL_WRITES).start();
             OrganizationsClient management = ledger.demoClient(MANAGEMENT)) {
            organization = management.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL))
                    .organization().id();
            for (int i = 0; i < WRITES; i++) {
                String email = "crash-" + i + "@example.com";
                Handshake invitation = management.inviteAccountToOrganization(r -> r.target(t -> t.id(email)
                        .type(HandshakePartyType.EMAIL))).handshake();
                acknowledged.add(invitation.id());
            }

            // when
            ledger.kill();
        }

        // then
        try (LedgerProcess restarted = new LedgerProcess(dataDir, ROOM_FOR_ALL_WRITES).start();
             OrganizationsClient management = restarted.demoClient(MANAGEMENT)) {
            assertThat(management.describeOrganization().organization().id()).isEqualTo(organization);
            List<String> stored = management.listHandshakesForOrganizationPaginator(r -> r.maxResults(20))
                    .stream().flatMap(page -> page.handshakes().stream()).map(Handshake::id).toList();
            assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }
}
