package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
    private static final String PREFIX = "org.handshakeledger.handshake.";

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    EventProcessingConfiguration processing;

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
    void resumesFromItsStoredTokenAfterARestartLosingAndRepeatingNothing() throws Exception {
        // given
        String management = LedgerActors.next();
        String alice = LedgerActors.next();
        String carol = LedgerActors.next();
        createOrganization(management, OrganizationFeatureSet.ALL);
        Handshake toAlice = invite(management, alice);
        consume(Set.of(toAlice.id()), 1);
        StreamingEventProcessor publisher = processing
                .eventProcessor("kafka-publisher", StreamingEventProcessor.class).orElseThrow();

        // when: changes while the publisher is stopped
        publisher.shutDown();
        client(alice).declineHandshake(r -> r.handshakeId(toAlice.id()));
        Handshake toCarol = invite(management, carol);
        Thread.sleep(1000);
        assertThat(consumeFor(Set.of(toCarol.id()), Duration.ofSeconds(2))).isEmpty();
        publisher.start();

        // then
        List<ConsumerRecord<String, String>> records = consume(Set.of(toAlice.id(), toCarol.id()), 3);
        assertThat(typesOf(records, toAlice.id())).containsExactly(PREFIX + "invited", PREFIX + "declined");
        assertThat(typesOf(records, toCarol.id())).containsExactly(PREFIX + "invited");
        Thread.sleep(1000);
        List<ConsumerRecord<String, String>> all = consumeFor(Set.of(toAlice.id(), toCarol.id()),
                Duration.ofSeconds(2));
        Map<String, Long> perId = all.stream().collect(Collectors.groupingBy(
                r -> RawSignedRequests.readJson(r.value()).get("id").asText(), Collectors.counting()));
        assertThat(perId).hasSize(3).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
    }

    private static List<String> typesOf(List<ConsumerRecord<String, String>> records, String handshakeId) {
        return records.stream().filter(r -> r.key().equals(handshakeId))
                .map(r -> RawSignedRequests.readJson(r.value()).get("type").asText()).toList();
    }

    /** Reads the topic from the beginning until {@code count} records keyed by the handshakes arrived. */
    private List<ConsumerRecord<String, String>> consume(Set<String> handshakes, int count) {
        return read(handshakes, records -> records.size() >= count, PATIENCE);
    }

    private List<ConsumerRecord<String, String>> consumeFor(Set<String> handshakes, Duration duration) {
        return read(handshakes, records -> false, duration);
    }

    private List<ConsumerRecord<String, String>> read(Set<String> handshakes,
                                                      Predicate<List<ConsumerRecord<String, String>>> enough,
                                                      Duration patience) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + patience.toNanos();
            while (!enough.test(records) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (handshakes.contains(record.key())) {
                        records.add(record);
                    }
                }
            }
        }
        if (!enough.test(records) && patience == PATIENCE) {
            throw new AssertionError("Only " + records.size() + " records arrived: " + records);
        }
        return records;
    }
}
