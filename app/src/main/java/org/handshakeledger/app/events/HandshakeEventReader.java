package org.handshakeledger.app.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.handshakeledger.projections.handshake.HandshakeFold;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
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
 */
@Component
public class HandshakeEventReader {
    private static final String PAGE = """
            SELECT global_index, event_identifier, aggregate_identifier, sequence_number, payload_type,
                   payload_revision, payload, meta_data, time_stamp
            FROM domain_event_entry WHERE global_index > :after ORDER BY global_index LIMIT :limit""";
    private static final String BY_EVENT_ID = """
            SELECT global_index, event_identifier, aggregate_identifier, sequence_number, payload_type,
                   payload_revision, payload, meta_data, time_stamp
            FROM domain_event_entry WHERE event_identifier = :id""";
    private static final String HISTORY = """
            SELECT sequence_number, payload_type, payload_revision, payload FROM domain_event_entry
            WHERE aggregate_identifier = :id AND sequence_number <= :sequence ORDER BY sequence_number""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration settle;

    public HandshakeEventReader(NamedParameterJdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                                @Value("${ledger.events.settle:PT2S}") Duration settle) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.settle = settle;
    }

    /**
     * A page of settled events after a position; {@code position} is where the next page starts, and {@code more}
     * says whether the store held more rows than the page read.
     */
    public record Page(List<LedgerEvent> events, long position, boolean more) {
    }

    private record Row(long globalIndex, String eventId, String aggregateId, long sequence, String payloadType,
                       String revision, byte[] payload, byte[] metadata, Instant time) {
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
        Object payload = payload(row.payloadType(), row.revision(), row.payload());
        MetaData metadata = row.metadata() == null ? MetaData.emptyInstance()
                : serializer.deserialize(new SerializedMetaData<>(row.metadata(), byte[].class));
        HandshakeFold fold = new HandshakeFold();
        jdbc.query(HISTORY, Map.of("id", row.aggregateId(), "sequence", row.sequence()), (ResultSet rs) -> {
            fold.apply(payload(rs.getString("payload_type"), rs.getString("payload_revision"),
                    rs.getBytes("payload")), rs.getLong("sequence_number"));
        });
        return new LedgerEvent(row.globalIndex(), row.eventId(), row.aggregateId(), row.sequence(), row.time(),
                payload, metadata, fold);
    }

    private Object payload(String type, String revision, byte[] bytes) {
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, revision));
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("payload_type"),
                rs.getString("payload_revision"), rs.getBytes("payload"), rs.getBytes("meta_data"),
                Instant.parse(rs.getString("time_stamp")));
    }
}
