package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Issue 7 end to end: {@code GET /ledger/events} delivers the CloudEvents of changes made through the AWS SDK, in
 * order; a reconnect with {@code Last-Event-ID} gets exactly the missed ones; each caller sees only its share.
 */
@TestPropertySource(properties = {
    "ledger.events.heartbeat=PT0.3S",
    "ledger.events.poll-interval=PT0.05S",
    "ledger.events.settle=PT0.5S",
    "ledger.events.max-streams=4"
})
class EventStreamIT extends AbstractLedgerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String PREFIX = "org.handshakeledger.handshake.";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private SseStream open(String accountId, String pathAndQuery, Map<String, String> headers) {
        HttpResponse<InputStream> response = new LedgerHttp(port).stream(accountId, pathAndQuery, headers);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        return new SseStream(response.body());
    }

    @Test
    void deliversChangesInOrderAndResumesAfterTheLastEventIdWithNoGapAndNoDuplicate() throws Exception {
        // given
        String management = LedgerActors.next();
        String alice = LedgerActors.next();
        String bob = LedgerActors.next();
        String carol = LedgerActors.next();
        long lastSeen;
        String organization;
        Handshake toAlice;
        Handshake toBob;
        try (SseStream stream = open(management, "/ledger/events", Map.of())) {
            // when
            organization = createOrganization(management, OrganizationFeatureSet.ALL);
            toAlice = invite(management, alice);
            toBob = invite(management, bob);
            client(alice).acceptHandshake(r -> r.handshakeId(toAlice.id()));
            client(management).cancelHandshake(r -> r.handshakeId(toBob.id()));

            // then
            List<SseStream.Frame> frames = stream.take(4, PATIENCE);
            assertThat(frames).extracting(SseStream.Frame::event).containsExactly(PREFIX + "invited",
                    PREFIX + "invited", PREFIX + "accepted", PREFIX + "canceled");
            assertThat(frames).extracting(f -> f.data().get("subject").asText())
                    .containsExactly(toAlice.id(), toBob.id(), toAlice.id(), toBob.id());
            assertThat(frames).extracting(SseStream.Frame::id).isSorted().doesNotHaveDuplicates();
            JsonNode accepted = frames.get(2).data();
            assertThat(accepted.get("specversion").asText()).isEqualTo("1.0");
            assertThat(accepted.get("type").asText()).isEqualTo(PREFIX + "accepted");
            assertThat(accepted.get("source").asText()).isEqualTo("/handshake-ledger/organizations/" + organization);
            assertThat(accepted.get("id").asText()).isNotBlank();
            assertThat(accepted.get("time").asText()).isNotBlank();
            assertThat(accepted.get("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(accepted.get("sequence").asText()).isEqualTo(Long.toString(frames.get(2).id()));
            JsonNode handshake = accepted.get("data").get("handshake");
            assertThat(handshake.get("Id").asText()).isEqualTo(toAlice.id());
            assertThat(handshake.get("State").asText()).isEqualTo("ACCEPTED");
            assertThat(handshake.get("Action").asText()).isEqualTo("INVITE");
            assertThat(handshake.get("Arn").asText()).isEqualTo(toAlice.arn());
            assertThat(handshake.get("RequestedTimestamp").isNumber()).isTrue();
            JsonNode actor = accepted.get("data").get("actor");
            assertThat(actor.get("type").asText()).isEqualTo("ACCOUNT");
            assertThat(actor.get("accountId").asText()).isEqualTo(alice);
            assertThat(actor.get("accessKeyId").asText()).isEqualTo(LedgerActors.accessKeyId(alice));
            assertThat(actor.get("requestId").asText()).isNotBlank();
            assertThat(frames.get(0).data().get("data").get("handshake").get("State").asText()).isEqualTo("OPEN");
            lastSeen = frames.get(3).id();
            assertThat(stream.drain(Duration.ofMillis(700))).isEmpty();
            assertThat(stream.comments()).as("heartbeats").isGreaterThan(1);
        }

        // when: changes while disconnected
        Handshake toCarol = invite(management, carol);
        client(carol).declineHandshake(r -> r.handshakeId(toCarol.id()));

        // then
        try (SseStream resumed = open(management, "/ledger/events", Map.of("Last-Event-ID", Long.toString(lastSeen)))) {
            List<SseStream.Frame> missed = resumed.take(2, PATIENCE);
            assertThat(missed).extracting(SseStream.Frame::event).containsExactly(PREFIX + "invited",
                    PREFIX + "declined");
            assertThat(missed).allSatisfy(f -> assertThat(f.id()).isGreaterThan(lastSeen));
            assertThat(missed).extracting(f -> f.data().get("subject").asText()).containsOnly(toCarol.id());
            assertThat(resumed.drain(Duration.ofMillis(700))).isEmpty();
        }
        try (SseStream all = open(management, "/ledger/events?after=0&organizationId=" + organization, Map.of())) {
            assertThat(all.take(6, PATIENCE)).extracting(SseStream.Frame::id).isSorted().doesNotHaveDuplicates();
            assertThat(all.drain(Duration.ofMillis(700))).isEmpty();
        }
    }

    @Test
    void showsEachCallerOnlyItsShareAndAppliesTheFilters() throws Exception {
        // given
        String management = LedgerActors.next();
        String alice = LedgerActors.next();
        String bob = LedgerActors.next();
        String outsider = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        Handshake toAlice = invite(management, alice);
        Handshake toBob = invite(management, bob);
        client(bob).acceptHandshake(r -> r.handshakeId(toBob.id()));

        // when / then: a recipient sees only its own handshake
        try (SseStream stream = open(alice, "/ledger/events", Map.of())) {
            List<SseStream.Frame> frames = stream.take(1, PATIENCE);
            assertThat(frames.get(0).data().get("subject").asText()).isEqualTo(toAlice.id());
            assertThat(stream.drain(Duration.ofMillis(700))).isEmpty();
        }
        // an outsider sees nothing of them, and the auditor sees them, narrowed by the filters
        try (SseStream stream = open(outsider, "/ledger/events", Map.of())) {
            assertThat(stream.drain(Duration.ofMillis(700))).isEmpty();
        }
        try (SseStream stream = open(LedgerActors.AUDITOR,
                "/ledger/events?handshakeId=" + toBob.id() + "&type=" + PREFIX + "accepted", Map.of())) {
            List<SseStream.Frame> frames = stream.take(1, PATIENCE);
            assertThat(frames.get(0).event()).isEqualTo(PREFIX + "accepted");
            assertThat(frames.get(0).data().get("subject").asText()).isEqualTo(toBob.id());
            assertThat(stream.drain(Duration.ofMillis(500))).isEmpty();
        }
    }

    /**
     * Racing transactions commit out of index order: an event at a higher index may be visible before the one
     * below it. The stream waits for the gap instead of skipping the event that commits later.
     */
    @Test
    void waitsForAGapInTheGlobalIndexInsteadOfSkippingTheEventThatCommitsLater() throws Exception {
        // given: a handshake, and two copies of its first event at the next two indexes, the higher one committed
        String management = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        Handshake handshake = invite(management, LedgerActors.next());
        long lower = jdbc.queryForObject("SELECT NEXT VALUE FOR domain_event_entry_seq", Long.class);
        long higher = jdbc.queryForObject("SELECT NEXT VALUE FOR domain_event_entry_seq", Long.class);
        copyFirstEvent(handshake.id(), higher, 1001);

        try (SseStream stream = open(LedgerActors.AUDITOR,
                "/ledger/events?handshakeId=" + handshake.id() + "&after=" + (lower - 1), Map.of())) {
            // then: the later index waits while the gap below it is young
            assertThat(stream.drain(Duration.ofMillis(1000))).isEmpty();

            // when: the lower index commits
            copyFirstEvent(handshake.id(), lower, 1000);

            // then: both, in index order
            assertThat(stream.take(2, PATIENCE)).extracting(SseStream.Frame::id).containsExactly(lower, higher);
        }
    }

    private void copyFirstEvent(String handshakeId, long globalIndex, long sequence) {
        // stamped in the future, so that the gap stays young however slow the test machine
        jdbc.update("""
                INSERT INTO domain_event_entry (global_index, sequence_number, aggregate_identifier, event_identifier,
                    payload_revision, payload_type, time_stamp, type, meta_data, payload)
                SELECT ?, ?, aggregate_identifier, ?, payload_revision, payload_type, ?, type, meta_data, payload
                FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""",
                globalIndex, sequence, UUID.randomUUID().toString(), Instant.now().plusSeconds(5).toString(),
                handshakeId);
    }

    @Test
    void startsNoKafkaClientWithoutTheKafkaProfile() {
        assertThat(context.getBeanNamesForType(KafkaTemplate.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ProducerFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(KafkaAdmin.class)).isEmpty();
        assertThat(processing.eventProcessor("kafka-publisher")).isEmpty();
    }

    @Test
    void refusesUnauthenticatedAndInvalidRequests() {
        LedgerHttp http = new LedgerHttp(port);
        assertThat(http.unsigned("GET", "/ledger/events").status()).isEqualTo(401);
        assertThat(http.send("GET", LedgerActors.accessKeyId(LedgerActors.AUDITOR), "wrong-secret",
                "/ledger/events").status()).isEqualTo(403);
        RawSignedRequests.Response badType = http.get(LedgerActors.AUDITOR, "/ledger/events?type=accepted");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body()).contains("InvalidInputException");
        assertThat(http.get(LedgerActors.AUDITOR, "/ledger/events?after=-1").status()).isEqualTo(400);
    }

    @Test
    void answers503BeyondTheMaximumNumberOfStreams() throws Exception {
        String account = LedgerActors.next();
        LedgerHttp http = new LedgerHttp(port);
        List<SseStream> open = new ArrayList<>();
        try {
            HttpResponse<InputStream> refused = null;
            for (int i = 0; i < 5 && refused == null; i++) {
                HttpResponse<InputStream> response = http.stream(account, "/ledger/events", Map.of());
                if (response.statusCode() == 503) {
                    refused = response;
                } else {
                    open.add(new SseStream(response.body()));
                }
            }
            assertThat(refused).isNotNull();
            assertThat(new String(refused.body().readAllBytes())).contains("ServiceUnavailableException");
        } finally {
            for (SseStream stream : open) {
                stream.close();
            }
            // the server sees a client has gone at its next write, a heartbeat or two later
            Thread.sleep(1500);
        }
    }
}
