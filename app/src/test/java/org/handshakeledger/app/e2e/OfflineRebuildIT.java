package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Disaster recovery as a user runs it: {@code java -jar handshake-ledger.jar --ledger.rebuild=all} on the data
 * directory of a stopped ledger rebuilds every view, prints a summary with checksums equal to the ones the running
 * service reported, and exits 0; the service then starts on the rebuilt views. {@code ledger.rebuild} is an ordinary
 * property, so {@code LEDGER_REBUILD} in the environment does the same; a value that names no view, or an unknown
 * one, is refused with exit code 2 before anything is opened.
 */
class OfflineRebuildIT {
    private static final String MANAGEMENT = "111111111111";
    private static final String ALICE = "222222222222";
    private static final String BOB = "333333333333";
    private static final String OPERATOR_KEY = "AKIADEMO777777777777";
    private static final String OPERATOR_SECRET = "demo-secret-777777777777";

    @Test
    void offlineRebuildGivesTheSameViewsAndTheServiceServesThem() throws Exception {
        Path dataDir = newDataDir();
        Map<String, String> online;
        String accepted;
        try (LedgerProcess ledger = new LedgerProcess(dataDir).start();
             OrganizationsClient management = ledger.demoClient(MANAGEMENT);
             OrganizationsClient alice = ledger.demoClient(ALICE);
             OrganizationsClient bob = ledger.demoClient(BOB)) {
            management.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
            accepted = invite(management, ALICE).id();
            alice.acceptHandshake(r -> r.handshakeId(accepted));
            String declined = invite(management, BOB).id();
            bob.declineHandshake(r -> r.handshakeId(declined));
            invite(management, "444444444444");
            OperatorHttp operator = operator(ledger);
            operator.awaitAuditTrailCaughtUp();
            online = operator.checksums();
        }

        LedgerProcess.Exit rebuild = LedgerProcess.runToExit(dataDir, Duration.ofMinutes(3), "--ledger.rebuild=all");

        assertThat(rebuild.code()).as(rebuild.output()).isZero();
        online.forEach((view, checksum) -> assertThat(rebuild.output()).containsPattern(Pattern.compile(
                "rebuilt " + view + ": \\d+ events in [0-9.]+ s \\(\\d+ events/s\\), checksum " + checksum)));
        assertThat(rebuild.output()).contains("All 3 views rebuilt.");

        try (LedgerProcess ledger = new LedgerProcess(dataDir).start();
             OrganizationsClient alice = ledger.demoClient(ALICE)) {
            assertThat(alice.describeHandshake(r -> r.handshakeId(accepted)).handshake().state())
                    .isEqualTo(HandshakeState.ACCEPTED);
            assertThat(operator(ledger).checksums()).isEqualTo(online);
        }
    }

    @Test
    void theEnvironmentVariableRebuildsAndExitsInsteadOfServing() throws Exception {
        Path dataDir = newDataDir();

        LedgerProcess.Exit rebuild = LedgerProcess.runToExit(dataDir, Duration.ofMinutes(3),
                Map.of("LEDGER_REBUILD", "handshake-views,audit-trail"));

        assertThat(rebuild.code()).as(rebuild.output()).isZero();
        assertThat(rebuild.output()).contains("rebuilt handshake-views: ", "rebuilt audit-trail: ",
                "All 2 views rebuilt.").doesNotContain("rebuilt organization-views", "Tomcat started");
    }

    @Test
    void anEmptyValueIsRefusedAndNothingIsRebuilt() throws Exception {
        Path dataDir = newDataDir();

        LedgerProcess.Exit rebuild = LedgerProcess.runToExit(dataDir, Duration.ofMinutes(3), "--ledger.rebuild=");

        assertThat(rebuild.code()).as(rebuild.output()).isEqualTo(2);
        assertThat(rebuild.output()).contains("APPLICATION FAILED TO START", "ledger.rebuild is set but empty")
                .doesNotContain("rebuilt ");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void anUnknownViewIsNamedAndNothingIsRebuilt() throws Exception {
        Path dataDir = newDataDir();

        LedgerProcess.Exit rebuild = LedgerProcess.runToExit(dataDir, Duration.ofMinutes(3),
                "--ledger.rebuild=handshake-views,handshakes");

        assertThat(rebuild.code()).as(rebuild.output()).isEqualTo(2);
        assertThat(rebuild.output()).contains("APPLICATION FAILED TO START", "Unknown view 'handshakes'")
                .doesNotContain("rebuilt handshake-views");
    }

    private static Path newDataDir() throws IOException {
        return Files.createDirectories(Path.of("target", "it-rebuild")).resolve("data-" + System.nanoTime());
    }

    private static Handshake invite(OrganizationsClient management, String account) {
        return management.inviteAccountToOrganization(r -> r.target(t -> t.id(account)
                .type(HandshakePartyType.ACCOUNT))).handshake();
    }

    private static OperatorHttp operator(LedgerProcess ledger) {
        return new OperatorHttp(new LedgerHttp(ledger.endpoint().getPort()), OPERATOR_KEY, OPERATOR_SECRET);
    }
}
