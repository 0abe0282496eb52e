package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Issue 18, mirror mode end to end. The application under test plays AWS (the upstream organization, with a short
 * retention so that its handshakes are deleted during the test); the mirror is the packaged jar started as a user
 * starts it, with {@code --ledger.mirror.enabled=true}, pointed at the upstream through {@link FaultyUpstream} and
 * with the upstream management account's keys in its environment, where the AWS SDK's default credential chain
 * finds them. Everything is checked through the mirror's {@code /ledger} endpoints and its AWS API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {
    "ledger.handshake.retention=PT6S",
    "db-scheduler.polling-interval=200ms"
})
class MirrorIT extends AbstractLedgerIT {
    private static final String AUDITOR = LedgerActors.AUDITOR;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final String management = LedgerActors.next();
    private final String alice = LedgerActors.next();
    private final String bob = LedgerActors.next();
    private final String carol = LedgerActors.next();

    private String organization;
    private FaultyUpstream upstream;
    private LedgerProcess mirror;
    private LedgerHttp mirrorHttp;
    private String accepted;
    private String canceled;

    @BeforeAll
    void startTheMirror() {
        organization = createOrganization(management, OrganizationFeatureSet.ALL);
        upstream = new FaultyUpstream(endpoint());
        List<String> options = new ArrayList<>(List.of(
                "--ledger.accounts-file=" + ACCOUNTS_FILE,
                "--ledger.mirror.enabled=true",
                "--ledger.mirror.endpoint-url=" + upstream.endpoint(),
                "--ledger.mirror.interval=PT1S",
                "--db-scheduler.polling-interval=200ms"));
        if (TestPostgres.selectedForEndToEnd()) {
            options.addAll(List.of(TestPostgres.freshDatabase().ledgerOptions()));
        }
        mirror = new LedgerProcess(Path.of("target", "it-data", "mirror-" + UUID.randomUUID()),
                options.toArray(String[]::new))
                .withEnvironment(Map.of(
                        "AWS_ACCESS_KEY_ID", LedgerActors.accessKeyId(management),
                        "AWS_SECRET_ACCESS_KEY", LedgerActors.secret(management),
                        "AWS_EC2_METADATA_DISABLED", "true"))
                .start();
        mirrorHttp = new LedgerHttp(mirror.endpoint().getPort());
    }

    @AfterAll
    void stopTheMirror() throws InterruptedException {
        if (mirror != null) {
            mirror.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    @Order(1)
    void recordsEveryHandshakeAndEveryChangeUpstreamAsObservedInOrder() {
        accepted = invite(management, alice).id();
        canceled = invite(management, bob).id();
        awaitHistory(accepted, "HandshakeFirstSeen");
        awaitHistory(canceled, "HandshakeFirstSeen");

        client(alice).acceptHandshake(r -> r.handshakeId(accepted));
        client(management).cancelHandshake(r -> r.handshakeId(canceled));
        awaitHistory(accepted, "HandshakeChanged");
        awaitHistory(canceled, "HandshakeChanged");
        // the upstream deletes them six seconds after they settled; the mirror sees them vanish
        awaitHistory(accepted, "HandshakeVanished");
        awaitHistory(canceled, "HandshakeVanished");

        List<JsonNode> acceptance = history(accepted);
        assertThat(acceptance).extracting(r -> r.get("eventName").asText())
                .containsExactly("HandshakeFirstSeen", "HandshakeChanged", "HandshakeVanished");
        assertThat(acceptance).extracting(r -> r.get("state").asText()).containsExactly("OPEN", "ACCEPTED", "DELETED");
        assertThat(history(canceled)).extracting(r -> r.get("state").asText())
                .containsExactly("OPEN", "CANCELED", "DELETED");
        for (JsonNode record : acceptance) {
            assertThat(record.get("actorType").asText()).isEqualTo("OBSERVED");
            assertThat(record.get("actorAccountId").asText()).isEqualTo(management);
            assertThat(record.get("accessKeyId").asText()).isEqualTo(LedgerActors.accessKeyId(management));
            assertThat(record.get("organizationId").asText()).isEqualTo(organization);
        }
        assertThat(acceptance.get(0).get("details").asText()).contains(upstream.endpoint().toString());
        List<Instant> times = acceptance.stream().map(r -> Instant.parse(r.get("eventTime").asText())).toList();
        assertThat(times).isSorted().doesNotHaveDuplicates();

        // as of each observation, the handshake is described as it was seen; after it vanished, it is gone
        assertThat(asOf(accepted, times.get(0)).path("Handshake").path("State").asText()).isEqualTo("OPEN");
        assertThat(asOf(accepted, times.get(1)).path("Handshake").path("State").asText()).isEqualTo("ACCEPTED");
        assertThat(asOf(accepted, times.get(1)).path("Handshake").path("Parties").toString()).contains(alice);
        RawSignedRequests.Response gone = mirrorHttp.get(AUDITOR,
                "/ledger/handshakes/" + accepted + "?asOf=" + times.get(2));
        assertThat(gone.status()).as(gone.body()).isEqualTo(404);

        // a mirrored handshake is never served by the mirror's own AWS API
        try (OrganizationsClient mirrorApi = sdkClient(mirror.endpoint(), management, Region.US_EAST_1)) {
            assertThatThrownBy(() -> mirrorApi.describeHandshake(r -> r.handshakeId(canceled)))
                    .isInstanceOf(HandshakeNotFoundException.class);
            assertThat(mirrorApi.listHandshakesForAccount(r -> { }).handshakes()).isEmpty();
        }

        JsonNode status = status();
        assertThat(status.get("enabled").asBoolean()).isTrue();
        assertThat(status.get("endpoint").asText()).isEqualTo(upstream.endpoint().toString());
        assertThat(status.get("organizationId").asText()).isEqualTo(organization);
        assertThat(status.get("accountId").asText()).isEqualTo(management);
        assertThat(status.get("lastError").isNull()).as(status.toString()).isTrue();
        assertThat(status.get("handshakesSeen").asLong()).isEqualTo(2);
        assertThat(status.get("handshakesVanished").asLong()).isEqualTo(2);
        if (!status.get("polling").asBoolean()) {
            assertThat(Instant.parse(status.get("nextPollAt").asText())).as(status.toString())
                    .isAfter(Instant.parse(status.get("lastPollEndedAt").asText()));
        }
        assertThat(mirrorHttp.get(alice, "/ledger/mirror").status()).isEqualTo(403);

        // the console shows the mirror's status, what it saw, and each sighting on the handshake's timeline
        ConsoleSession auditor = new ConsoleSession(mirror.endpoint());
        auditor.signIn(LedgerActors.accessKeyId(AUDITOR), LedgerActors.secret(AUDITOR));
        HttpResponse<String> page = auditor.get("/console/mirror");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(accepted, canceled, organization, upstream.endpoint().toString());
        HttpResponse<String> timeline = auditor.get("/console/handshakes/" + accepted);
        assertThat(timeline.statusCode()).isEqualTo(200);
        assertThat(timeline.body()).contains("HandshakeFirstSeen", "HandshakeChanged", "HandshakeVanished",
                "seen upstream by the mirror");
        ConsoleSession member = new ConsoleSession(mirror.endpoint());
        member.signIn(LedgerActors.accessKeyId(alice), LedgerActors.secret(alice));
        assertThat(member.get("/console/mirror").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void retriesAnUpstreamThatFailsShowsTheErrorAndCatchesUpWithoutRecordingTwice() throws Exception {
        List<JsonNode> acceptedBefore = history(accepted);
        upstream.fail(FaultyUpstream.Failure.SERVER_ERROR);
        String invitation = invite(management, carol).id();
        awaitStatus("a failed poll", s -> s.path("lastError").path("message").asText().contains("500"));

        upstream.fail(FaultyUpstream.Failure.THROTTLED);
        awaitStatus("a throttled poll",
                s -> s.path("lastError").path("message").asText().startsWith("TooManyRequestsException"));
        JsonNode failing = status();
        assertThat(failing.get("failuresInARow").asInt()).isGreaterThanOrEqualTo(2);
        // each failed poll was retried by the SDK before it gave up
        assertThat(upstream.failedRequests()).isGreaterThan(failing.get("failuresInARow").asInt());
        assertThat(history(invitation)).isEmpty();
        assertThat(prometheus()).containsPattern("ledger_mirror_polls_total\\{[^}]*outcome=\"failure\"[^}]*} [1-9]");

        upstream.fail(FaultyUpstream.Failure.NONE);
        awaitHistory(invitation, "HandshakeFirstSeen");
        awaitStatus("a successful poll", s -> s.get("failuresInARow").asInt() == 0);
        JsonNode recovered = status();
        assertThat(Instant.parse(recovered.get("lastSuccessAt").asText()))
                .isAfter(Instant.parse(recovered.path("lastError").path("at").asText()));

        assertThat(history(invitation)).extracting(r -> r.get("eventName").asText())
                .containsExactly("HandshakeFirstSeen");
        assertThat(history(accepted)).isEqualTo(acceptedBefore);
        assertThat(history(canceled)).hasSize(3);
    }

    private void awaitHistory(String handshakeId, String eventName) {
        await(handshakeId + " " + eventName).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> history(handshakeId).stream().anyMatch(r -> eventName.equals(r.get("eventName").asText())));
    }

    private void awaitStatus(String what, java.util.function.Predicate<JsonNode> condition) {
        await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> condition.test(status()));
    }

    private List<JsonNode> history(String handshakeId) {
        RawSignedRequests.Response response = mirrorHttp.get(AUDITOR, "/ledger/handshakes/" + handshakeId
                + "/history");
        if (response.status() == 404) {
            return List.of();
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> records = new ArrayList<>();
        response.json().forEach(records::add);
        return records;
    }

    private JsonNode asOf(String handshakeId, Instant at) {
        RawSignedRequests.Response response = mirrorHttp.get(AUDITOR, "/ledger/handshakes/" + handshakeId
                + "?asOf=" + at);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String prometheus() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(mirror.endpoint().resolve("/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode status() {
        RawSignedRequests.Response response = mirrorHttp.get(AUDITOR, "/ledger/mirror");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
