package org.handshakeledger.app.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.projections.handshake.HandshakeFold;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the handshake events of the event store ({@code domain_event_entry}) in global-index order, a bounded page at
 * a time, so that history and live events come from one ordered source.
 *
 * <p>Racing transactions can commit out of index order: index 8 may be visible while 7 is not yet. A page therefore
 * ends before the first gap in the index whose following event is younger than the settle window
 * ({@code ledger.events.settle}, 2 s by default): the reader waits for the gap to fill rather than skip an event
 * that commits later with a lower index. A gap older than the window is a rolled-back transaction and is passed.
 *
 * <p>Rows are upcast by Axon's upcaster chain before they are deserialized, exactly as the event store reads them,
 * so the stream never sees an event of an older revision. Rows are chosen by their stored payload type.
 */
@Component
public class HandshakeEventReader {
    private static final String PAGE = """
            SELECT global_index, event_identifier, type, aggregate_identifier, sequence_number, payload_type,
                   payload_revision, payload, meta_data, time_stamp
            FROM domain_event_entry WHERE global_index > :after ORDER BY global_index LIMIT :limit""";
    private static final String BY_EVENT_ID = """
            SELECT global_index, event_identifier, type, aggregate_identifier, sequence_number, payload_type,
                   payload_revision, payload, meta_data, time_stamp
            FROM domain_event_entry WHERE event_identifier = :id""";
    private static final String HISTORY = """
            SELECT global_index, event_identifier, type, aggregate_identifier, sequence_number, payload_type,
                   payload_revision, payload, meta_data, time_stamp
            FROM domain_event_entry WHERE aggregate_identifier = :id AND sequence_number <= :sequence
            ORDER BY sequence_number""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Serializer serializer;
    private final Supplier<EventUpcaster> upcasters;
    private final Duration settle;
    private final byte[] noMetadata;

    /** Takes the upcaster chain of Axon's configuration, the one its event store uses, when it first reads. */
    @Autowired
    public HandshakeEventReader(NamedParameterJdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                                ObjectProvider<Configuration> axon, LedgerProperties properties) {
        this(jdbc, serializer, () -> axon.getObject().upcasterChain(), properties.events().settle());
    }

    HandshakeEventReader(NamedParameterJdbcTemplate jdbc, Serializer serializer, Supplier<EventUpcaster> upcasters,
                         Duration settle) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.settle = settle;
        this.noMetadata = serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
    }

    /**
     * A page of settled events after a position; {@code position} is where the next page starts, and {@code more}
     * says whether the store held more rows than the page read.
     */
    public record Page(List<LedgerEvent> events, long position, boolean more) {
    }

    private record Row(long globalIndex, String eventId, String aggregateType, String aggregateId, long sequence,
                       String payloadType, String revision, byte[] payload, byte[] metadata, Instant time) {
    }

    /**
     * The handshake events after {@code after}, up to {@code limit} rows of the store read; the position advances
     * over other events too, but never past an unsettled gap.
     */
    public Page page(long after, int limit) {
        List<Row> rows = jdbc.query(PAGE, Map.of("after", after, "limit", limit), HandshakeEventReader::row);
        // Axon stamps events with the system clock, not the ledger's injectable one
        Instant settledBefore = Instant.now().minus(settle);
        List<LedgerEvent> events = new ArrayList<>();
        long position = after;
        boolean more = rows.size() == limit;
        for (Row row : rows) {
            if (row.globalIndex() != position + 1 && row.time().isAfter(settledBefore)) {
                more = false;
                break;
            }
            position = row.globalIndex();
            if (HandshakeCloudEvents.publishedPayloadTypes().contains(row.payloadType())) {
                events.add(decode(row));
            }
        }
        return new Page(events, position, more);
    }

    /**
     * The stored handshake event with this identifier, as the stream would carry it. Its global index is read from
     * the store: a tracking token's position is the highest index seen, not the event's own when it filled a gap.
     */
    public LedgerEvent byEventId(String eventId) {
        List<Row> rows = jdbc.query(BY_EVENT_ID, Map.of("id", eventId), HandshakeEventReader::row);
        if (rows.isEmpty()) {
            throw new IllegalStateException("No stored event " + eventId);
        }
        return decode(rows.get(0));
    }

    private LedgerEvent decode(Row row) {
        List<DomainEventMessage<?>> upcast = read(List.of(row));
        if (upcast.size() != 1) {
            throw new IllegalStateException("The upcasters made " + upcast.size() + " events of " + row.eventId());
        }
        DomainEventMessage<?> event = upcast.get(0);
        HandshakeFold fold = new HandshakeFold();
        read(jdbc.query(HISTORY, Map.of("id", row.aggregateId(), "sequence", row.sequence()),
                HandshakeEventReader::row)).forEach(e -> fold.apply(e.getPayload(), e.getSequenceNumber()));
        return new LedgerEvent(row.globalIndex(), row.eventId(), row.aggregateId(), row.sequence(), row.time(),
                event.getPayload(), event.getMetaData(), fold);
    }

    /** Upcast, then deserialized: Axon's own path from stored rows to event messages. */
    private List<DomainEventMessage<?>> read(List<Row> rows) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream().map(this::entry), serializer,
                upcasters.get()).forEachRemaining(events::add);
        return events;
    }

    private GenericDomainEventEntry<byte[]> entry(Row row) {
        return new GenericDomainEventEntry<>(row.aggregateType(), row.aggregateId(), row.sequence(), row.eventId(),
                row.time(), row.payloadType(), row.revision(), row.payload(),
                row.metadata() == null ? noMetadata : row.metadata());
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(rs.getLong("global_index"), rs.getString("event_identifier"), rs.getString("type"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("payload_type"),
                rs.getString("payload_revision"), rs.getBytes("payload"), rs.getBytes("meta_data"),
                Instant.parse(rs.getString("time_stamp")));
    }
}
