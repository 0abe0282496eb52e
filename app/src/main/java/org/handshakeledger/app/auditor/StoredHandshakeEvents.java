package org.handshakeledger.app.auditor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.handshakeledger.domain.mirror.MirroredHandshakeAggregate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The events of some handshakes, read from the event store ({@code domain_event_entry}) in one query by its unique
 * index (aggregate, sequence), and upcast by Axon's upcaster chain before they are deserialized, exactly as the event
 * store reads them. Point-in-time reads need the stored timestamps, which the aggregate's own event stream does not
 * keep apart from snapshots, and a page of handshakes wants one query rather than one per handshake.
 */
@Component
public class StoredHandshakeEvents {
    private static final String EVENTS = """
            SELECT aggregate_identifier, type, sequence_number, event_identifier, payload_type, payload_revision,
                   payload, meta_data, time_stamp
            FROM domain_event_entry WHERE aggregate_identifier IN (:ids)
            ORDER BY aggregate_identifier, sequence_number""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Serializer serializer;
    private final Supplier<EventUpcaster> upcasters;
    private final byte[] noMetadata;

    /** Takes the upcaster chain of Axon's configuration, the one its event store uses, when it first reads. */
    public StoredHandshakeEvents(NamedParameterJdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                                 ObjectProvider<Configuration> axon) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = () -> axon.getObject().upcasterChain();
        this.noMetadata = serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
    }

    /** One stored event: its payload, its sequence number within the handshake and its Axon timestamp. */
    public record StoredEvent(Object payload, long sequence, Instant time) {
    }

    /**
     * The events of each given handshake that has any, oldest first; handshakes without events are left out. A
     * handshake the mirror observed upstream has its events under {@link MirroredHandshakeAggregate#idOf}; should an
     * id name both one of this ledger's handshakes and a mirrored one, this ledger's own is read.
     */
    public Map<String, List<StoredEvent>> of(Collection<String> handshakeIds) {
        Map<String, List<StoredEvent>> events = new LinkedHashMap<>();
        if (handshakeIds.isEmpty()) {
            return events;
        }
        List<String> streams = new ArrayList<>(handshakeIds);
        handshakeIds.forEach(id -> streams.add(MirroredHandshakeAggregate.idOf(id)));
        List<GenericDomainEventEntry<byte[]>> rows = jdbc.query(EVENTS, Map.of("ids", streams), this::entry);
        Map<String, List<StoredEvent>> mirrored = new LinkedHashMap<>();
        EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream(), serializer, upcasters.get())
                .forEachRemaining(e -> {
                    String stream = e.getAggregateIdentifier();
                    boolean isMirrored = stream.startsWith(MirroredHandshakeAggregate.ID_PREFIX);
                    (isMirrored ? mirrored : events).computeIfAbsent(
                            isMirrored ? stream.substring(MirroredHandshakeAggregate.ID_PREFIX.length()) : stream,
                            id -> new ArrayList<>()).add(stored(e));
                });
        mirrored.forEach(events::putIfAbsent);
        return events;
    }

    private static StoredEvent stored(DomainEventMessage<?> event) {
        return new StoredEvent(event.getPayload(), event.getSequenceNumber(), event.getTimestamp());
    }

    private GenericDomainEventEntry<byte[]> entry(ResultSet rs, int rowNum) throws SQLException {
        byte[] metadata = rs.getBytes("meta_data");
        return new GenericDomainEventEntry<>(rs.getString("type"), rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"), rs.getString("event_identifier"), rs.getString("time_stamp"),
                rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"),
                metadata == null ? noMetadata : metadata);
    }
}
