package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeParty;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Backup and restore as an operator runs them, on the packaged jar: {@code POST /ledger/backup} while clients write,
 * then {@code java -jar handshake-ledger.jar --ledger.restore=FILE} into a new data directory, then the ledger started
 * on it. The restored ledger holds every write acknowledged before the backup was asked for and none that had not been
 * sent before it was answered; its views equal what a rebuild from its own event store gives, and its audit trail
 * verifies as the source's did. A data directory that is not empty, and a file that is not a backup, are refused
 * with exit code 2 and nothing written. Embedded H2 only: {@link BackupIT} covers the refusal on PostgreSQL.
 */
class BackupRestoreIT {
    private static final String[] WRITERS = {"111111111111", "222222222222", "333333333333"};
    private static final String OPERATOR_KEY = "AKIADEMO777777777777";
    private static final String OPERATOR_SECRET = "demo-secret-777777777777";
    private static final String[] ROOM_FOR_ALL_WRITES = {"--ledger.limits.accounts-per-organization=100000",
        "--ledger.limits.invitations-per-day=100000"};
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(2);

    /** One invitation a writer sent: when it was sent and, if it was, when it was acknowledged. */
    private record Invitation(String email, long sentNanos, long acknowledgedNanos) {
        boolean acknowledgedBefore(long nanos) {
            return acknowledgedNanos != 0 && acknowledgedNanos < nanos;
        }
    }

    @Test
    void aBackupTakenUnderLoadRestoresToAConsistentLedgerWithEveryAcknowledgedWrite() throws Exception {
        // given
        Path dataDir = newDataDir();
        ConcurrentLinkedQueue<Invitation> invitations = new ConcurrentLinkedQueue<>();
        long backupAskedAt;
        long backupAnsweredAt;
        JsonNode backup;
        boolean sourceVerified;
        try (LedgerProcess source = new LedgerProcess(dataDir, ROOM_FOR_ALL_WRITES).start()) {
            OperatorHttp operator = operator(source);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS.length);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (String management : WRITERS) {
                    writers.add(pool.submit(() -> write(source, management, stop, invitations)));
                }
                OperatorHttp.await("writes under way", () -> invitations.size() >= 60);

                // when
                backupAskedAt = System.nanoTime();
                RawSignedRequests.Response answer = operator.post("/ledger/backup");
                backupAnsweredAt = System.nanoTime();
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                backup = answer.json();
                sourceVerified = verified(operator);
                Thread.sleep(300);
                stop.set(true);
                for (Future<?> writer : writers) {
                    writer.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        Path restoredDir = dataDir.resolveSibling(dataDir.getFileName() + "-restored");
        LedgerProcess.Exit restore = LedgerProcess.runToExit(restoredDir, RESTORE_TIMEOUT,
                "--ledger.restore=" + backup.path("file").asText());
        assertThat(restore.code()).as(restore.output()).isZero();
        assertThat(restore.output()).containsPattern("Restored .*handshake-ledger-.*\\.zip into "
                + restoredDir.toAbsolutePath().normalize() + ": \\d+ events").doesNotContain("Tomcat started");
        Files.copy(dataDir.resolve("audit-signing-key.pem"), restoredDir.resolve("audit-signing-key.pem"));

        // then
        try (LedgerProcess restored = new LedgerProcess(restoredDir, ROOM_FOR_ALL_WRITES).start()) {
            Set<String> stored = new HashSet<>();
            for (String management : WRITERS) {
                stored.addAll(invitedEmails(restored, management));
            }
            Set<String> acknowledgedBefore = new HashSet<>();
            Set<String> sentBeforeAnswer = new HashSet<>();
            for (Invitation invitation : invitations) {
                if (invitation.acknowledgedBefore(backupAskedAt)) {
                    acknowledgedBefore.add(invitation.email());
                }
                if (invitation.sentNanos() < backupAnsweredAt) {
                    sentBeforeAnswer.add(invitation.email());
                }
            }
            assertThat(acknowledgedBefore).isNotEmpty();
            assertThat(stored).containsAll(acknowledgedBefore);
            assertThat(sentBeforeAnswer).containsAll(stored);

            OperatorHttp operator = operator(restored);
            operator.awaitAuditTrailCaughtUp();
            assertThat(operator.projection("audit-trail").path("position").asLong())
                    .isGreaterThanOrEqualTo(backup.path("lastGlobalIndex").asLong());
            assertThat(verified(operator)).isTrue().isEqualTo(sourceVerified);
            Map<String, String> checksums = operator.checksums();
            for (String view : OperatorHttp.VIEWS) {
                assertThat(operator.replay(view).status()).isEqualTo(202);
                operator.awaitRebuilt(view);
            }
            assertThat(operator.checksums()).isEqualTo(checksums);
        }
    }

    @Test
    void aDataDirThatIsNotEmptyIsRefusedAndLeftAsItWas() throws Exception {
        Path dataDir = Files.createDirectories(newDataDir());
        Files.writeString(dataDir.resolve("keep.txt"), "mine");
        Path backup = zip(dataDir.resolveSibling(dataDir.getFileName() + ".zip"), "handshake-ledger.mv.db");

        LedgerProcess.Exit restore = LedgerProcess.runToExit(dataDir, RESTORE_TIMEOUT, "--ledger.restore=" + backup);

        assertThat(restore.code()).as(restore.output()).isEqualTo(2);
        assertThat(restore.output()).contains("APPLICATION FAILED TO START", "The data directory "
                + dataDir.toAbsolutePath().normalize() + " is not empty (it holds keep.txt)");
        try (Stream<Path> entries = Files.list(dataDir)) {
            assertThat(entries).containsExactly(dataDir.resolve("keep.txt"));
        }
    }

    @Test
    void aFileThatIsNotALedgerBackupIsRefusedAndNothingIsWritten() throws Exception {
        Path dataDir = newDataDir();
        Path text = Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + ".txt"), "not a zip");
        Path otherZip = zip(dataDir.resolveSibling(dataDir.getFileName() + "-other.zip"), "notes.txt");
        Path damaged = zip(dataDir.resolveSibling(dataDir.getFileName() + "-damaged.zip"), "handshake-ledger.mv.db");

        LedgerProcess.Exit notAZip = LedgerProcess.runToExit(dataDir, RESTORE_TIMEOUT, "--ledger.restore=" + text);
        LedgerProcess.Exit noDatabase = LedgerProcess.runToExit(dataDir, RESTORE_TIMEOUT,
                "--ledger.restore=" + otherZip);
        LedgerProcess.Exit notH2 = LedgerProcess.runToExit(dataDir, RESTORE_TIMEOUT, "--ledger.restore=" + damaged);

        assertThat(notAZip.code()).as(notAZip.output()).isEqualTo(2);
        assertThat(notAZip.output()).contains("is not a ledger backup: it is not a zip file");
        assertThat(noDatabase.code()).as(noDatabase.output()).isEqualTo(2);
        assertThat(noDatabase.output()).contains("is not a ledger backup: it should hold one H2 database file");
        assertThat(notH2.code()).as(notH2.output()).isEqualTo(2);
        assertThat(notH2.output()).contains("is not a ledger backup, or it is damaged");
        assertThat(dataDir).doesNotExist();
    }

    /** Invites by email, one invitation after the other, until told to stop; records every one it sent. */
    private static Void write(LedgerProcess ledger, String management, AtomicBoolean stop,
                              ConcurrentLinkedQueue<Invitation> invitations) {
        try (OrganizationsClient client = ledger.demoClient(management)) {
            client.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
            for (int i = 0; !stop.get(); i++) {
                String email = "backup-" + management + "-" + i + "@example.com";
                long sent = System.nanoTime();
                long acknowledged = 0;
                try {
                    client.inviteAccountToOrganization(r -> r.target(t -> t.id(email)
                            .type(HandshakePartyType.EMAIL)));
                    acknowledged = System.nanoTime();
                } catch (RuntimeException e) {
                    // not acknowledged: it may or may not be in the backup
                }
                invitations.add(new Invitation(email, sent, acknowledged));
            }
        }
        return null;
    }

    private static Set<String> invitedEmails(LedgerProcess ledger, String management) {
        try (OrganizationsClient client = ledger.demoClient(management)) {
            Set<String> emails = new HashSet<>();
            client.listHandshakesForOrganizationPaginator(r -> r.maxResults(20)).stream()
                    .flatMap(page -> page.handshakes().stream()).map(Handshake::parties)
                    .forEach(parties -> parties.stream().filter(p -> p.type() == HandshakePartyType.EMAIL)
                            .map(HandshakeParty::id).forEach(emails::add));
            return emails;
        }
    }

    private static boolean verified(OperatorHttp operator) {
        RawSignedRequests.Response verify = operator.get("/ledger/audit/verify");
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        return verify.json().path("valid").asBoolean();
    }

    private static Path zip(Path file, String entry) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("not an H2 database".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    private static Path newDataDir() throws IOException {
        return Files.createDirectories(Path.of("target", "it-backup")).resolve("data-" + System.nanoTime());
    }

    private static OperatorHttp operator(LedgerProcess ledger) {
        return new OperatorHttp(new LedgerHttp(ledger.endpoint().getPort()), OPERATOR_KEY, OPERATOR_SECRET);
    }
}
