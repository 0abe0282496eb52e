package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * An acknowledged write survives {@code kill -9} and SIGTERM. Runs the packaged jar as a user would, with no options
 * but a port, a data directory and room in the quotas (so also on the built-in demo directory of accounts), answers a
 * burst of writes, is killed right after the last answer (or stopped in the middle of a stream of them), and must
 * show every one of them after it starts again.
 */
class CrashDurabilityIT {
    private static final String MANAGEMENT = "111111111111";
    private static final int WRITES = 200;
    private static final String[] ROOM_FOR_ALL_WRITES = {"--ledger.limits.accounts-per-organization=1000",
        "--ledger.limits.invitations-per-day=1000"};
    /** Invitations expire while the writes go on, while the ledger stops and after it started again. */
    private static final String[] EXPIRING_DURING_THE_STOP = {"--ledger.limits.accounts-per-organization=1000",
        "--ledger.limits.invitations-per-day=1000", "--ledger.handshake.invite-expiry=PT4S",
        "--db-scheduler.polling-interval=500ms"};
    private static final int WRITERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_SIGTERM = 80;
    /** spring.lifecycle.timeout-per-shutdown-phase (requests) + 2 x db-scheduler.shutdown-max-wait (deadlines). */
    private static final Duration STOP_BOUND = Duration.ofSeconds(40);
    private static final Pattern EXPIRY_FIRED = Pattern.compile("Deadline fired: expiry of handshake (h-[0-9a-z]+)");
    private static final String AUDITOR_KEY = "AKIADEMO777777777777";
    private static final String AUDITOR_SECRET = "demo-secret-777777777777";

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

    @Test
    void sigtermDuringAStreamOfWritesLosesNoAcknowledgedWriteAndRunsNoDeadlineTwice() throws Exception {
        // given writers that invite until the ledger stops answering
        Path dataDir = Files.createDirectories(Path.of("target", "it-crash")).resolve("term-" + System.nanoTime());
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        LedgerProcess ledger = new LedgerProcess(dataDir, EXPIRING_DURING_THE_STOP).start();
        int exitCode;
        long stopMillis;
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (OrganizationsClient management = ledger.demoClient(MANAGEMENT)) {
            management.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
            AtomicInteger next = new AtomicInteger();
            for (int w = 0; w < WRITERS; w++) {
                writers.submit(() -> invitePastTheStop(ledger, next, acknowledged, unexpected));
            }
            // deadlines have begun to fire, so that some are due while the ledger stops
            OperatorHttp.await(ACKNOWLEDGED_BEFORE_SIGTERM + " acknowledged writes and a first expiry",
                    () -> !unexpected.isEmpty() || acknowledged.size() >= ACKNOWLEDGED_BEFORE_SIGTERM
                            && EXPIRY_FIRED.matcher(ledger.output()).find());

            // when
            long sigterm = System.nanoTime();
            exitCode = ledger.terminate(STOP_BOUND);
            stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
        } finally {
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        // then it stopped by itself, in order, and refused what came after the stop began
        String firstRun = ledger.output();
        assertThat(unexpected).isEmpty();
        // the JVM's exit status after SIGTERM (128 + 15), once Spring's shutdown hook has closed everything
        assertThat(exitCode).isEqualTo(143);
        assertThat(stopMillis).isLessThan(STOP_BOUND.toMillis());
        assertThat(firstRun).contains("Shutdown started", "Graceful shutdown complete", "Shutdown finished")
                .doesNotContain(" ERROR ");
        assertThat(firstRun.indexOf("Shutting down Scheduler")).isLessThan(firstRun.indexOf(
                "Shutdown state set for Processor 'audit-trail'"));
        List<String> stored;
        try (LedgerProcess restarted = new LedgerProcess(dataDir, EXPIRING_DURING_THE_STOP).start();
             OrganizationsClient management = restarted.demoClient(MANAGEMENT)) {
            // every acknowledged write is there
            stored = management.listHandshakesForOrganizationPaginator(r -> r.maxResults(20)).stream()
                    .flatMap(page -> page.handshakes().stream()).map(Handshake::id).toList();
            assertThat(stored).containsAll(acknowledged);
            // every invitation expired, each exactly once, before the stop, while stopping, or after the restart
            OperatorHttp.await("every expiry", () -> expiriesFired(restarted).keySet().containsAll(stored));
            assertThat(expiriesFired(restarted)).allSatisfy((handshake, times) ->
                    assertThat(times).as(handshake).isEqualTo(1));
            // the audit trail holds together, and has each invitation and each expiry exactly once
            OperatorHttp auditor = new OperatorHttp(new LedgerHttp(restarted.endpoint().getPort()), AUDITOR_KEY,
                    AUDITOR_SECRET);
            OperatorHttp.await("every expiry in the audit trail",
                    () -> handshakesOf(auditRecords(auditor), "ExpireHandshake").size() >= stored.size());
            auditor.awaitAuditTrailCaughtUp();
            JsonNode verified = auditor.get("/ledger/audit/verify").json();
            assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
            List<JsonNode> records = auditRecords(auditor);
            assertThat(records).hasSize(verified.path("records").asInt());
            assertThat(records.stream().map(r -> r.path("globalIndex").asLong())).doesNotHaveDuplicates();
            assertThat(handshakesOf(records, "InviteAccountToOrganization"))
                    .containsExactlyInAnyOrderElementsOf(stored);
            assertThat(handshakesOf(records, "ExpireHandshake")).containsExactlyInAnyOrderElementsOf(stored);
        }
    }

    private static List<JsonNode> auditRecords(OperatorHttp auditor) {
        return auditor.get("/ledger/audit").body().lines().map(RawSignedRequests::readJson).toList();
    }

    private static List<String> handshakesOf(List<JsonNode> records, String eventName) {
        return records.stream().filter(r -> r.path("eventName").asText().equals(eventName))
                .map(r -> r.path("handshakeId").asText()).toList();
    }

    /** Invites until the ledger refuses; a refusal must be a closed door, never an error. */
    private static void invitePastTheStop(LedgerProcess ledger, AtomicInteger next, Queue<String> acknowledged,
                                          Queue<Throwable> unexpected) {
        try (OrganizationsClient management = ledger.demoClient(MANAGEMENT)) {
            while (true) {
                String email = "term-" + next.getAndIncrement() + "@example.com";
                try {
                    acknowledged.add(management.inviteAccountToOrganization(r -> r.target(t -> t.id(email)
                            .type(HandshakePartyType.EMAIL))).handshake().id());
                } catch (AwsServiceException e) {
                    if (e.statusCode() != 503) {
                        unexpected.add(e);
                    }
                    return;
                } catch (SdkClientException e) {
                    // connection refused or closed: the ledger stopped taking requests
                    return;
                }
            }
        } catch (RuntimeException e) {
            unexpected.add(e);
        }
    }

    /** How often each handshake's expiry ran, in every run on the data directory so far. */
    private static Map<String, Integer> expiriesFired(LedgerProcess ledger) {
        Map<String, Integer> fired = new HashMap<>();
        Matcher line = EXPIRY_FIRED.matcher(ledger.output());
        while (line.find()) {
            fired.merge(line.group(1), 1, Integer::sum);
        }
        return fired;
    }
}
