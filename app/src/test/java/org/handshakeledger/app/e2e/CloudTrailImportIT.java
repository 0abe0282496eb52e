package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.OrganizationsException;

/**
 * {@code java -jar handshake-ledger.jar --ledger.import.cloudtrail=PATH} as a user runs it: a history exported with
 * {@code format=cloudtrail} from one ledger and imported into an empty one shows the same calls, callers and times,
 * holds together as a chain, exports the same records again, and a second import adds nothing; a gzipped CloudTrail
 * log in S3's layout imports its handshake calls with their real callers, reports a file it cannot read and exits
 * 1; a path without log files is refused with 2. On PostgreSQL too (the failsafe run postgres).
 */
class CloudTrailImportIT {
    private static final String MANAGEMENT = "111111111111";
    private static final String ALICE = "222222222222";
    private static final String BOB = "333333333333";
    private static final String CAROL = "444444444444";
    private static final String AUDITOR_KEY = "AKIADEMO777777777777";
    private static final String AUDITOR_SECRET = "demo-secret-777777777777";
    private static final Set<String> HANDSHAKE_CALLS = Set.of("InviteAccountToOrganization", "AcceptHandshake",
            "DeclineHandshake", "CancelHandshake", "EnableAllFeatures", "ExpireHandshake", "DeleteHandshake");
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void anExportedHistoryImportedIntoAnEmptyLedgerShowsTheSameCallsCallersAndTimes() throws Exception {
        // given: a history on ledger A, exported as CloudTrail records
        Path dir = newDir();
        String[] storeA = storeOptions();
        Map<String, List<JsonNode>> historiesA = new LinkedHashMap<>();
        List<JsonNode> exportA;
        try (LedgerProcess ledger = new LedgerProcess(dir.resolve("a"), storeA).start();
             OrganizationsClient management = ledger.demoClient(MANAGEMENT);
             OrganizationsClient alice = ledger.demoClient(ALICE);
             OrganizationsClient bob = ledger.demoClient(BOB)) {
            management.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
            String accepted = invite(management, ALICE);
            alice.acceptHandshake(r -> r.handshakeId(accepted));
            String declined = invite(management, BOB);
            bob.declineHandshake(r -> r.handshakeId(declined));
            String canceled = invite(management, CAROL);
            management.cancelHandshake(r -> r.handshakeId(canceled));
            assertThatThrownBy(() -> bob.acceptHandshake(r -> r.handshakeId(accepted)))
                    .isInstanceOf(OrganizationsException.class);
            OperatorHttp auditor = auditor(ledger);
            auditor.awaitAuditTrailCaughtUp();
            for (String handshake : List.of(accepted, declined, canceled)) {
                historiesA.put(handshake, history(auditor, handshake));
            }
            exportA = LedgerHttp.jsonLines(ok(auditor.get("/ledger/audit?format=cloudtrail")).body());
        }
        Path trail = dir.resolve("trail.jsonl");
        Files.writeString(trail, exportA.stream().map(JsonNode::toString).reduce("", (a, b) -> a + b + "\n"));
        List<JsonNode> calls = exportA.stream().filter(e -> HANDSHAKE_CALLS.contains(e.path("eventName").asText()))
                .toList();
        assertThat(calls).hasSizeGreaterThanOrEqualTo(8);

        // when: imported into an empty ledger B, twice
        String[] storeB = storeOptions();
        LedgerProcess.Exit first = runImport(dir.resolve("b"), storeB, trail.toString());
        LedgerProcess.Exit second = runImport(dir.resolve("b"), storeB, trail.toString());

        // then
        assertThat(first.code()).as(first.output()).isZero();
        assertThat(first.output()).contains(String.format("Imported %d handshake calls from 1 file (%s): %d new, 0 "
                        + "already in the ledger, %d skipped (not handshake calls), 0 invalid", calls.size(),
                trail.toAbsolutePath().normalize(), calls.size(), exportA.size() - calls.size()));
        assertThat(first.output()).doesNotContain("Tomcat started");
        assertThat(second.code()).as(second.output()).isZero();
        assertThat(second.output()).contains(String.format("Imported %d handshake calls from 1 file (%s): 0 new, %d "
                + "already in the ledger", calls.size(), trail.toAbsolutePath().normalize(), calls.size()));
        try (LedgerProcess ledger = new LedgerProcess(dir.resolve("b"), storeB).start()) {
            OperatorHttp auditor = auditor(ledger);
            auditor.awaitAuditTrailCaughtUp();
            historiesA.forEach((handshake, recordsA) -> {
                List<JsonNode> recordsB = history(auditor, handshake);
                assertThat(recordsB).as(handshake).extracting(CloudTrailImportIT::call)
                        .containsExactlyElementsOf(recordsA.stream().map(CloudTrailImportIT::call).toList());
                assertThat(recordsB).allSatisfy(record ->
                        assertThat(record.path("actorType").asText()).isEqualTo("CLOUDTRAIL"));
            });
            List<JsonNode> exportB = LedgerHttp.jsonLines(ok(auditor.get("/ledger/audit?format=cloudtrail")).body());
            assertThat(exportB).containsExactlyElementsOf(calls);
            JsonNode verification = ok(auditor.get("/ledger/audit/verify")).json();
            assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
            assertThat(verification.path("records").asInt()).isEqualTo(calls.size());
        }
    }

    @Test
    void aGzippedCloudTrailLogImportsItsHandshakeCallsWithTheirRealCallers() throws Exception {
        // given: CloudTrail's S3 layout, one gzipped log and one file that is not JSON
        Path dir = newDir();
        Path logs = dir.resolve("trail");
        Path day = Files.createDirectories(logs.resolve("AWSLogs/111111111111/CloudTrail/us-east-1/2024/03/04"));
        String log = "111111111111_CloudTrail_us-east-1_20240304T0915Z_a1b2c3d4e5f6a7b8.json.gz";
        try (InputStream in = getClass().getResourceAsStream("/cloudtrail/organizations-handshakes.json");
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(day.resolve(log)))) {
            in.transferTo(out);
        }
        Path broken = Files.createDirectories(logs.resolve("AWSLogs/111111111111/CloudTrail/us-east-1/2024/03/05"))
                .resolve("broken.json");
        Files.writeString(broken, "this is not JSON", StandardCharsets.UTF_8);
        Files.writeString(logs.resolve("README.txt"), "not a log file");
        String[] store = storeOptions();

        // when
        LedgerProcess.Exit imported = runImport(dir.resolve("data"), store, logs.toString());

        // then
        assertThat(imported.code()).as(imported.output()).isEqualTo(1);
        assertThat(imported.output()).contains(String.format("Imported 3 handshake calls from 2 files (%s): 3 new, 0 "
                        + "already in the ledger, 1 skipped (not handshake calls), 0 invalid",
                logs.toAbsolutePath().normalize()),
                "Not read: AWSLogs/111111111111/CloudTrail/us-east-1/2024/03/05/broken.json: not valid JSON");
        try (LedgerProcess ledger = new LedgerProcess(dir.resolve("data"), store).start()) {
            OperatorHttp auditor = auditor(ledger);
            auditor.awaitAuditTrailCaughtUp();
            List<JsonNode> history = history(auditor, "h-examplehandshake0001");
            assertThat(history).extracting(CloudTrailImportIT::call).containsExactly(
                    List.of("InviteAccountToOrganization", MANAGEMENT, "AKIAEXAMPLEDIEGO0001", "192.0.2.10",
                            "aws-cli/2.15.10 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off "
                                    + "command/organizations.invite-account-to-organization",
                            "8a3c3f2e-6b1d-4c9e-9f1a-0e5c2b7d4a11", "2024-03-04T09:15:21Z", ""),
                    List.of("AcceptHandshake", ALICE, "ASIAEXAMPLEALICE0002", "198.51.100.23",
                            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 "
                                    + "Safari/537.36", "3e9d1c7b-5a2f-4b8e-a1d4-7c6f0e2b9a13",
                            "2024-03-05T14:02:47Z", ""),
                    List.of("AcceptHandshake", BOB, "AKIAEXAMPLEBOB000003", "203.0.113.77",
                            "Boto3/1.34.51 md/Botocore#1.34.51 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.6",
                            "6f2a8b4c-9d1e-4a7f-b3c5-1e8d2f6a0b14", "2024-03-05T16:40:09Z",
                            "HandshakeNotFoundException"));
            assertThat(history).extracting(r -> r.path("organizationId").asText(null))
                    .containsExactly("o-exampleorgid", "o-exampleorgid", null);
            assertThat(history).extracting(r -> r.path("state").asText(null)).containsExactly("OPEN", "ACCEPTED", null);
            assertThat(history.get(1).path("parties").asText()).contains(MANAGEMENT, ALICE);
            assertThat(history.get(0).path("requestParameters").asText())
                    .isEqualTo("{\"Target\":{\"Type\":\"ACCOUNT\",\"Id\":\"222222222222\"},"
                            + "\"Notes\":\"Welcome to the example organization\"}");
            assertThat(history).allSatisfy(r -> assertThat(r.path("details").asText()).contains(
                    "\"origin\":\"AWSLogs/111111111111/CloudTrail/us-east-1/2024/03/04/" + log + "\""));
        }
    }

    @Test
    void aPathWithoutLogFilesOrWithAnotherOfflineJobIsRefused() throws Exception {
        Path dir = newDir();
        Files.createDirectories(dir.resolve("empty"));

        LedgerProcess.Exit missing = runImport(dir.resolve("data"), new String[0], dir.resolve("missing").toString());
        LedgerProcess.Exit empty = runImport(dir.resolve("data"), new String[0], dir.resolve("empty").toString());
        LedgerProcess.Exit withRebuild = runImport(dir.resolve("data"), new String[] {"--ledger.rebuild=all"},
                dir.resolve("empty").toString());

        assertThat(missing.code()).as(missing.output()).isEqualTo(2);
        assertThat(missing.output()).contains("APPLICATION FAILED TO START", "which does not exist");
        assertThat(empty.code()).as(empty.output()).isEqualTo(2);
        assertThat(empty.output()).contains("holds no CloudTrail log file");
        assertThat(withRebuild.code()).as(withRebuild.output()).isEqualTo(2);
        assertThat(withRebuild.output()).contains("cannot run together with ledger.rebuild");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    /** What a call is, to compare two ledgers' records of it: the CloudTrail export keeps times to the second. */
    private static List<String> call(JsonNode record) {
        List<String> call = new ArrayList<>();
        for (String field : List.of("eventName", "actorAccountId", "accessKeyId", "sourceIp", "userAgent",
                "requestId")) {
            call.add(record.path(field).asText(""));
        }
        call.add(Instant.parse(record.path("eventTime").asText()).truncatedTo(ChronoUnit.SECONDS).toString());
        call.add(record.path("errorCode").asText(""));
        return call;
    }

    private static List<JsonNode> history(OperatorHttp auditor, String handshake) {
        List<JsonNode> records = new ArrayList<>();
        ok(auditor.get("/ledger/handshakes/" + handshake + "/history")).json().forEach(records::add);
        return records;
    }

    private static LedgerProcess.Exit runImport(Path dataDir, String[] options, String path)
            throws IOException, InterruptedException {
        String[] all = Stream.concat(Stream.of(options), Stream.of("--ledger.import.cloudtrail=" + path))
                .toArray(String[]::new);
        return LedgerProcess.runToExit(dataDir, JOB_TIMEOUT, all);
    }

    private static RawSignedRequests.Response ok(RawSignedRequests.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** A fresh PostgreSQL database in the failsafe run postgres; else the H2 store of the data dir. */
    private static String[] storeOptions() {
        return TestPostgres.selectedForEndToEnd() ? TestPostgres.freshDatabase().ledgerOptions() : new String[0];
    }

    private static Path newDir() throws IOException {
        return Files.createDirectories(Path.of("target", "it-import", "run-" + System.nanoTime()));
    }

    private static String invite(OrganizationsClient management, String account) {
        return management.inviteAccountToOrganization(r -> r.target(t -> t.id(account)
                .type(HandshakePartyType.ACCOUNT))).handshake().id();
    }

    private static OperatorHttp auditor(LedgerProcess ledger) {
        return new OperatorHttp(new LedgerHttp(ledger.endpoint().getPort()), AUDITOR_KEY, AUDITOR_SECRET);
    }
}
