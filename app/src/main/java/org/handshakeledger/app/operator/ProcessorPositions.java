package org.handshakeledger.app.operator;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each event processor stands, wherever it runs: for the metrics and the readiness probe, which must see the
 * audit trail's position on every instance, also where it runs on another one or is stopped. A streaming processor
 * that runs here reports its position itself; otherwise its stored token says where it is (the token store's own
 * serializer reads it, never claiming it). A subscribing processor handles each event as it is stored: at the head.
 */
@Component
public class ProcessorPositions {
    private final EventProcessingConfiguration processing;
    private final RebuildEnvironment environment;
    private final JdbcTemplate jdbc;
    private final Serializer tokenSerializer;

    /**
     * Where the processors stand against the head.
     *
     * @param head      the global index of the newest event in the store, 0 when it is empty
     * @param positions each processor's position (the global index it has handled up to), by name
     */
    public record Reading(long head, Map<String, Long> positions) {
        /** Events between the processor's position and the head. */
        public long lag(String processor) {
            return Math.max(0, head - positions.get(processor));
        }
    }

    /** Takes the serializer Axon's auto-configured token store writes tokens with: the primary one. */
    ProcessorPositions(EventProcessingConfiguration processing, RebuildEnvironment environment, DataSource dataSource,
                       Serializer tokenSerializer) {
        this.processing = processing;
        this.environment = environment;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tokenSerializer = tokenSerializer;
    }

    public long head() {
        return environment.head();
    }

    /** Every processor of this node, the head read once. */
    public Reading read() {
        long head = head();
        Map<String, Long> positions = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> positions.put(name, position(processor, head)));
        return new Reading(head, positions);
    }

    /** The processor's position, or empty when no processor of that name is configured here. */
    public OptionalLong position(String name) {
        return processing.eventProcessor(name)
                .map(processor -> OptionalLong.of(position(processor, head())))
                .orElse(OptionalLong.empty());
    }

    private long position(EventProcessor processor, long head) {
        Long live = ProjectionStatuses.position(processor, head);
        if (live != null) {
            return live;
        }
        return processor instanceof StreamingEventProcessor ? storedPosition(processor.getName()) : head;
    }

    /** The lowest position of the processor's segments by their stored tokens; 0 before it stored any. */
    long storedPosition(String processorName) {
        List<Long> positions = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, row) -> {
                    byte[] token = rs.getBytes("token");
                    if (token == null) {
                        return 0L;
                    }
                    TrackingToken tracking = tokenSerializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, rs.getString("token_type"), null));
                    return tracking == null ? 0L : tracking.position().orElse(0);
                }, processorName);
        return positions.stream().mapToLong(Long::longValue).min().orElse(0);
    }
}
