package org.handshakeledger.app.subscription;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.app.store.DurableCommits;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every handshake event as a CloudEvent (structured JSON) to {@code ledger.events.kafka-topic}, keyed by
 * handshake id so that each handshake's events stay in order on one partition. It runs in the tracking processor
 * {@value #PROCESSING_GROUP} (one segment, one event per batch) and waits for the broker's acknowledgement before
 * returning, so the processor's token advances only past published events: at-least-once, resuming from the stored
 * token after a restart. A failure propagates and the processor retries the event. Only under the profile
 * {@code kafka}.
 *
 * <p>No {@code @DisallowReplay}: a new publisher starts at the beginning of the event store and publishes the whole
 * history, and a reset republishes it; consumers deduplicate by the CloudEvent {@code id} (the event identifier).
 */
@Component
@Profile("kafka")
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {
    public static final String PROCESSING_GROUP = "kafka-publisher";
    /** The counter of events the broker did not acknowledge in time (each is retried). */
    public static final String FAILURES_METRIC = "ledger.kafka.publish.failures";
    static final String CONTENT_TYPE = "content-type";

    private final KafkaTemplate<String, byte[]> kafka;
    private final HandshakeEventReader reader;
    private final HandshakeCloudEvents cloudEvents;
    private final DurableCommits durableCommits;
    private final String topic;
    private final Duration sendTimeout;
    private final Counter failures;

    public KafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, HandshakeEventReader reader,
                               DurableCommits durableCommits, HandshakeCloudEvents cloudEvents,
                               LedgerProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.reader = reader;
        this.durableCommits = durableCommits;
        this.cloudEvents = cloudEvents;
        this.topic = properties.events().kafkaTopic();
        this.sendTimeout = properties.events().kafkaSendTimeout();
        this.failures = Counter.builder(FAILURES_METRIC)
                .description("Attempts to publish an event to Kafka that failed or timed out (each is retried)")
                .register(meters);
    }

    /** Every event passes by; the handshake events the mapping knows are published, the others ignored. */
    @EventHandler
    void on(Object payload, EventMessage<?> event) throws Exception {
        if (HandshakeCloudEvents.isPublished(payload.getClass())) {
            publish(event);
        }
    }

    private void publish(EventMessage<?> event) throws InterruptedException, ExecutionException, TimeoutException {
        LedgerEvent stored = reader.byEventId(event.getIdentifier());
        CloudEvent cloudEvent = cloudEvents.toCloudEvent(stored);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, stored.handshakeId(),
                cloudEvents.serialize(cloudEvent));
        record.headers().add(CONTENT_TYPE,
                HandshakeCloudEvents.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        // never publish an event that a crash could still take back
        durableCommits.awaitDurable();
        try {
            kafka.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failures.increment();
            throw e;
        }
    }
}
