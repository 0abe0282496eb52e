package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.handshakeledger.app.subscription.EventStreamController;
import org.junit.jupiter.api.AfterEach;
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
    @Autowired
    MeterRegistry meters;

    /** The server sees that a client has gone at its next write, a heartbeat later; every test needs the room. */
    @AfterEach
    void awaitEveryStreamGone() {
        await("every stream gone on the server").atMost(PATIENCE).until(() -> openStreams() == 0);
    }

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
        List<SseStream.Frame> frames;
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
            // a later event: anything the stream should not send, or sends twice, comes before it
            Handshake marker = invite(management, LedgerActors.next());

            // then
            frames = stream.takeThrough(about(marker), PATIENCE);
            assertThat(frames).extracting(SseStream.Frame::event).containsExactly(PREFIX + "invited",
                    PREFIX + "invited", PREFIX + "accepted", PREFIX + "canceled", PREFIX + "invited");
            assertThat(frames).extracting(EventStreamIT::subject)
                    .containsExactly(toAlice.id(), toBob.id(), toAlice.id(), toBob.id(), marker.id());
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
            // and the idle stream gets a heartbeat, with no frame before it that was not taken
            assertThat(stream.framesBeforeComment(stream.comments() + 1, PATIENCE)).as("frames before the heartbeat")
                    .isEqualTo(frames.size());
        }
        long lastSeen = frames.get(frames.size() - 1).id();

        // when: changes while disconnected
        Handshake toCarol = invite(management, carol);
        client(carol).declineHandshake(r -> r.handshakeId(toCarol.id()));

        // then
        List<SseStream.Frame> missed;
        try (SseStream resumed = open(management, "/ledger/events", Map.of("Last-Event-ID", Long.toString(lastSeen)))) {
            missed = resumed.takeThrough(about(toCarol).and(f -> f.event().equals(PREFIX + "declined")), PATIENCE);
            assertThat(missed).extracting(SseStream.Frame::event).containsExactly(PREFIX + "invited",
                    PREFIX + "declined");
            assertThat(missed).allSatisfy(f -> assertThat(f.id()).isGreaterThan(lastSeen));
            assertThat(missed).extracting(EventStreamIT::subject).containsOnly(toCarol.id());
        }
        long newest = missed.get(missed.size() - 1).id();
        try (SseStream all = open(management, "/ledger/events?after=0&organizationId=" + organization, Map.of())) {
            assertThat(all.takeThrough(f -> f.id() == newest, PATIENCE)).extracting(SseStream.Frame::id)
                    .containsExactlyElementsOf(Stream.concat(frames.stream(), missed.stream())
                            .map(SseStream.Frame::id).toList());
        }
    }

    @Test
    void showsEachCallerOnlyItsShareAndAppliesTheFilters() throws Exception {
        // given: what each caller must not see comes before the last event it must see
        String management = LedgerActors.next();
        String alice = LedgerActors.next();
        String bob = LedgerActors.next();
        String stranger = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        Handshake toAlice = invite(management, alice);
        Handshake toBob = invite(management, bob);
        client(bob).declineHandshake(r -> r.handshakeId(toBob.id()));
        client(alice).declineHandshake(r -> r.handshakeId(toAlice.id()));
        Handshake toStranger = invite(management, stranger);

        // when / then: a recipient sees only its own handshake
        try (SseStream stream = open(alice, "/ledger/events", Map.of())) {
            List<SseStream.Frame> frames = stream.takeThrough(about(toAlice).and(f -> f.event().equals(
                    PREFIX + "declined")), PATIENCE);
            assertThat(frames).extracting(EventStreamIT::subject).containsOnly(toAlice.id());
            assertThat(frames).extracting(SseStream.Frame::event).containsExactly(PREFIX + "invited",
                    PREFIX + "declined");
        }
        // an account outside the organization sees none of its handshakes, until one is sent to it
        try (SseStream stream = open(stranger, "/ledger/events", Map.of())) {
            assertThat(stream.takeThrough(about(toStranger), PATIENCE)).extracting(EventStreamIT::subject)
                    .containsExactly(toStranger.id());
        }
        // the auditor sees them all, narrowed by the filters: Bob's decline (the type asked for) and the invitation
        // of Alice (the handshake asked for) come before the one event that passes both
        try (SseStream stream = open(LedgerActors.AUDITOR,
                "/ledger/events?handshakeId=" + toAlice.id() + "&type=" + PREFIX + "declined", Map.of())) {
            List<SseStream.Frame> frames = stream.take(1, PATIENCE);
            assertThat(frames.get(0).event()).isEqualTo(PREFIX + "declined");
            assertThat(subject(frames.get(0))).isEqualTo(toAlice.id());
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
        long lower = EventStoreProbe.nextGlobalIndex(jdbc);
        long higher = EventStoreProbe.nextGlobalIndex(jdbc);
        copyFirstEvent(handshake.id(), higher, 1001);

        try (SseStream stream = open(LedgerActors.AUDITOR,
                "/ledger/events?handshakeId=" + handshake.id() + "&after=" + (lower - 1), Map.of())) {
            // then: the later index waits while the gap below it is young. The stream's second heartbeat comes after
            // it has read the store, gap and all, at least once
            assertThat(stream.framesBeforeComment(2, PATIENCE)).as("frames before the second heartbeat").isZero();

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
            assertThat(openStreams()).isEqualTo(4);
        } finally {
            for (SseStream stream : open) {
                stream.close();
            }
        }
    }

    private double openStreams() {
        return meters.get(EventStreamController.OPEN_STREAMS_METRIC).gauge().value();
    }

    /** The frames about the handshake: its CloudEvent subject. */
    private static Predicate<SseStream.Frame> about(Handshake handshake) {
        return frame -> subject(frame).equals(handshake.id());
    }

    private static String subject(SseStream.Frame frame) {
        return frame.data().get("subject").asText();
    }
}
