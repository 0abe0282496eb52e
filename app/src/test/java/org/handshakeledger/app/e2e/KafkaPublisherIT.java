package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.handshakeledger.app.subscription.KafkaEventPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Issue 7, Kafka: under the profile {@code kafka} every handshake event reaches an embedded KRaft broker as a
 * CloudEvent keyed by handshake id, in order per handshake; a publisher stopped and started again resumes from its
 * stored token, losing nothing and (after a clean stop) repeating nothing.
 */
@ActiveProfiles("kafka")
@EmbeddedKafka(kraft = true, partitions = 3, topics = KafkaPublisherIT.TOPIC)
@TestPropertySource(properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "ledger.events.kafka-topic=" + KafkaPublisherIT.TOPIC
})
class KafkaPublisherIT extends AbstractLedgerIT {
    static final String TOPIC = "it-handshake-events";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String PREFIX = "org.handshakeledger.handshake.";

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void publishesEveryHandshakeEventKeyedByHandshakeAndInOrder() {
        // given
        String management = LedgerActors.next();
        String alice = LedgerActors.next();
        String bob = LedgerActors.next();
        String organization = createOrganization(management, OrganizationFeatureSet.ALL);

        // when
        Handshake toAlice = invite(management, alice);
        Handshake toBob = invite(management, bob);
        client(alice).acceptHandshake(r -> r.handshakeId(toAlice.id()));
        client(management).cancelHandshake(r -> r.handshakeId(toBob.id()));

        // then
        List<ConsumerRecord<String, String>> records = consume(Set.of(toAlice.id(), toBob.id()), 4);
        assertThat(typesOf(records, toAlice.id())).containsExactly(PREFIX + "invited", PREFIX + "accepted");
        assertThat(typesOf(records, toBob.id())).containsExactly(PREFIX + "invited", PREFIX + "canceled");
        ConsumerRecord<String, String> accepted = records.stream()
                .filter(r -> r.key().equals(toAlice.id()) && r.value().contains(PREFIX + "accepted")).findFirst()
                .orElseThrow();
        assertThat(new String(accepted.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
        JsonNode event = RawSignedRequests.readJson(accepted.value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("subject").asText()).isEqualTo(toAlice.id());
        assertThat(event.get("source").asText()).isEqualTo("/handshake-ledger/organizations/" + organization);
        assertThat(event.get("sequence").asText()).matches("[0-9]+");
        assertThat(event.get("data").get("handshake").get("State").asText()).isEqualTo("ACCEPTED");
        assertThat(event.get("data").get("actor").get("accountId").asText()).isEqualTo(alice);
    }

    @Test
    void operatorsSeeThePublisherButCannotRebuildIt() {
        OperatorHttp operator = OperatorHttp.as(new LedgerHttp(port), LedgerActors.OPERATOR);

        JsonNode publisher = operator.projection("kafka-publisher");
        RawSignedRequests.Response replay = operator.replay("kafka-publisher");

        assertThat(publisher.path("kind").asText()).isEqualTo("publisher");
        assertThat(publisher.path("mode").asText()).isEqualTo("tracking");
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().path("Message").asText()).contains("not a view");
    }

    @Test
    void resumesFromItsStoredTokenAfterARestartLosingAndRepeatingNothing() {
        // given
        String management = LedgerActors.next();
        String alice = LedgerActors.next();
        String carol = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        Handshake toAlice = invite(management, alice);
        consume(Set.of(toAlice.id()), 1);
        StreamingEventProcessor publisher = processing
                .eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();

        // when: changes while the publisher is stopped
        publisher.shutDown();
        assertThat(publisher.isRunning()).isFalse();
        client(alice).declineHandshake(r -> r.handshakeId(toAlice.id()));
        Handshake toCarol = invite(management, carol);
        // they lie beyond the token it stored, and beyond the end of the topic, before it starts again
        long firstWhileStopped = lastGlobalIndexOf(toAlice.id());
        assertThat(storedPosition()).isLessThan(firstWhileStopped);
        Map<TopicPartition, Long> endWhileStopped = endOffsets();
        publisher.start();

        // then: each published once, after the restart; anything repeated would come before a later event
        Handshake marker = invite(management, LedgerActors.next());
        List<ConsumerRecord<String, String>> records = readThrough(marker.id()).stream()
                .filter(r -> r.key().equals(toAlice.id()) || r.key().equals(toCarol.id())).toList();
        assertThat(typesOf(records, toAlice.id())).containsExactly(PREFIX + "invited", PREFIX + "declined");
        assertThat(typesOf(records, toCarol.id())).containsExactly(PREFIX + "invited");
        assertThat(records).extracting(r -> RawSignedRequests.readJson(r.value()).get("id").asText())
                .doesNotHaveDuplicates();
        assertThat(records)
                .filteredOn(r -> Long.parseLong(RawSignedRequests.readJson(r.value()).get("sequence").asText())
                        >= firstWhileStopped)
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.offset()).as("offset on partition %d", r.partition())
                        .isGreaterThanOrEqualTo(endWhileStopped.get(new TopicPartition(TOPIC, r.partition()))));
    }

    private static List<String> typesOf(List<ConsumerRecord<String, String>> records, String handshakeId) {
        return records.stream().filter(r -> r.key().equals(handshakeId))
                .map(r -> RawSignedRequests.readJson(r.value()).get("type").asText()).toList();
    }

    /** Reads the topic from the beginning until {@code count} records keyed by the handshakes arrived. */
    private List<ConsumerRecord<String, String>> consume(Set<String> handshakes, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromTheBeginning()) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (records.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Only " + records.size() + " records arrived: " + records);
                }
                consumer.poll(POLL).forEach(record -> {
                    if (handshakes.contains(record.key())) {
                        records.add(record);
                    }
                });
            }
        }
        return records;
    }

    /**
     * Every record on the topic up to a marker: reads until the marker handshake's record arrived, then on to the end
     * each partition had at that moment. The publisher sends one event at a time and waits for the broker's
     * acknowledgement, so everything it published before the marker is read, whatever its partition.
     */
    private List<ConsumerRecord<String, String>> readThrough(String markerHandshakeId) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromTheBeginning()) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Map<TopicPartition, Long> end = Map.of();
            while (end.isEmpty() || before(end, consumer)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The marker " + markerHandshakeId + " did not arrive: " + records);
                }
                consumer.poll(POLL).forEach(records::add);
                if (end.isEmpty() && records.stream().anyMatch(r -> markerHandshakeId.equals(r.key()))) {
                    end = consumer.endOffsets(consumer.assignment());
                }
            }
        }
        return records;
    }

    private static boolean before(Map<TopicPartition, Long> end, KafkaConsumer<String, String> consumer) {
        return end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue());
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = fromTheBeginning()) {
            return consumer.endOffsets(consumer.assignment());
        }
    }

    /** A consumer of every partition of the topic, from the first record on; no consumer group. */
    private KafkaConsumer<String, String> fromTheBeginning() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** The global index of the handshake's newest event. */
    private long lastGlobalIndexOf(String handshakeId) {
        return jdbc.queryForObject("select max(global_index) from domain_event_entry where aggregate_identifier = ?",
                Long.class, handshakeId);
    }

    /** The global index up to which the publisher has published, by the token it stored (JSON, as Axon writes it). */
    private long storedPosition() {
        byte[] token = jdbc.queryForObject("select token from token_entry where processor_name = ? and segment = 0",
                byte[].class, KafkaEventPublisher.PROCESSING_GROUP);
        return RawSignedRequests.readJson(new String(token, StandardCharsets.UTF_8)).get("index").asLong();
    }
}
