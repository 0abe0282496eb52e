package org.handshakeledger.app.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.handshakeledger.app.config.AxonConfiguration;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The reader reads the event store beneath Axon, so it must upcast rows the way the event store does. */
class HandshakeEventReaderTest {
    private static final HandshakeId ID = new HandshakeId("h-0123456789abcdef0123456789abcdef");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId MEMBER = new AccountId("222222222222");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant STORED_EXPIRY = T0.plus(Duration.ofDays(15));
    private static final Instant UPCAST_EXPIRY = T0.plus(Duration.ofDays(20));

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(AxonConfiguration.eventMapper()).build();
    private JdbcTemplate jdbc;
    private HandshakeEventReader reader;

    /** Stands in for the next upcaster of a handshake event: moves a null-revision invitation's expiry. */
    private static final class InvitationExpiresLater extends SingleEventUpcaster {
        private static final String TYPE = AccountInvitedEvent.class.getName();

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return new SimpleSerializedType(TYPE, null).equals(representation.getType());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(TYPE, "test"), JsonNode.class,
                    payload -> ((ObjectNode) payload).put("expiresAt", UPCAST_EXPIRY.toString()));
        }
    }

    @BeforeEach
    void setUp() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:reader-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/h2/V1__axon.sql")).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        reader = new HandshakeEventReader(new NamedParameterJdbcTemplate(jdbc), serializer,
                () -> new EventUpcasterChain(new InvitationExpiresLater()), Duration.ZERO);
    }

    @Test
    void pagesCarryUpcastEventsAndHandshakesFoldedFromUpcastHistory() {
        // given
        store(0, invited(), MetaData.with("actorType", "ACCOUNT"));
        store(1, new HandshakeAcceptedEvent(ID, MEMBER, T0.plusSeconds(60), "r-1"), MetaData.emptyInstance());

        // when
        List<LedgerEvent> events = reader.page(0, 10).events();

        // then
        assertThat(events).hasSize(2);
        assertThat(((AccountInvitedEvent) events.get(0).payload()).expiresAt()).isEqualTo(UPCAST_EXPIRY);
        assertThat(events.get(0).metadata()).isEqualTo(Map.of("actorType", "ACCOUNT"));
        assertThat(events.get(1).payload()).isInstanceOf(HandshakeAcceptedEvent.class);
        assertThat(events.get(1).handshake().viewAt(T0).expiresAt()).isEqualTo(UPCAST_EXPIRY);
    }

    @Test
    void anEventReadByItsIdentifierIsUpcastToo() {
        // given
        String eventId = store(0, invited(), MetaData.emptyInstance());

        // when
        LedgerEvent event = reader.byEventId(eventId);

        // then
        assertThat(((AccountInvitedEvent) event.payload()).expiresAt()).isEqualTo(UPCAST_EXPIRY);
        assertThat(event.handshake().viewAt(T0).expiresAt()).isEqualTo(UPCAST_EXPIRY);
    }

    private String store(long sequence, Object event, MetaData metadata) {
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        String eventId = UUID.randomUUID().toString();
        long globalIndex = jdbc.queryForObject("SELECT NEXT VALUE FOR domain_event_entry_seq", Long.class);
        jdbc.update("""
                INSERT INTO domain_event_entry (global_index, sequence_number, aggregate_identifier, event_identifier,
                    payload_revision, payload_type, time_stamp, type, meta_data, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'HandshakeAggregate', ?, ?)""",
                globalIndex, sequence, ID.value(), eventId, payload.getType().getRevision(),
                payload.getType().getName(), T0.plusSeconds(sequence).toString(),
                serializer.serialize(metadata, byte[].class).getData(), payload.getData());
        return eventId;
    }

    private static AccountInvitedEvent invited() {
        return new AccountInvitedEvent(ID, new OrganizationProfile(new OrganizationId("o-abcdef1234"), MANAGEMENT,
                "mgmt@example.com", "Management", FeatureSet.ALL), new HandshakeParty(MEMBER.value(),
                PartyType.ACCOUNT), MEMBER, "Welcome", List.of(), MANAGEMENT, T0, STORED_EXPIRY,
                Duration.ofDays(30), "e-1");
    }
}
