package org.handshakeledger.app.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.handshakeledger.app.config.AxonConfiguration;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.junit.jupiter.api.Test;

/**
 * Stored payloads as JSON fixtures, run through the upcaster the way the event store does: bytes in, record out,
 * with the serializer the ledger stores events with.
 */
class AccountJoinedOrganizationUpcasterTest {
    private static final String TYPE = AccountJoinedOrganizationEvent.class.getName();
    /** Revision 1: before joinedMethod existed, stored without a revision. */
    private static final String REVISION_1 = "upcasting/account-joined-organization-r1.json";
    /** What builds before {@code @Revision("2")} wrote: the field, but no revision. */
    private static final String UNVERSIONED_REVISION_2 = "upcasting/account-joined-organization-r2-unversioned.json";

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(AxonConfiguration.eventMapper()).build();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(new AccountJoinedOrganizationUpcaster());

    @Test
    void addsInvitedToARevision1PayloadAndMakesItRevision2() {
        // given
        byte[] stored = fixture(REVISION_1);

        // when
        IntermediateEventRepresentation upcast = upcastOne(stored, null);

        // then
        assertThat(upcast.getType()).isEqualTo(new SimpleSerializedType(TYPE, "2"));
        JsonNode payload = upcast.getData(JsonNode.class).getData();
        assertThat(payload.get("joinedMethod").asText()).isEqualTo("INVITED");
        assertThat(payload.get("accountId").asText()).isEqualTo("111111111111");
    }

    @Test
    void keepsTheMethodOfAnUnversionedPayloadThatAlreadyHasIt() {
        // given
        byte[] stored = fixture(UNVERSIONED_REVISION_2);

        // when
        IntermediateEventRepresentation upcast = upcastOne(stored, null);

        // then
        assertThat(upcast.getType()).isEqualTo(new SimpleSerializedType(TYPE, "2"));
        assertThat(upcast.getData(JsonNode.class).getData().get("joinedMethod").asText()).isEqualTo("CREATED");
    }

    @Test
    void leavesARevision2PayloadAlone() {
        // given
        byte[] stored = fixture(REVISION_1);

        // when
        IntermediateEventRepresentation upcast = upcastOne(stored, "2");

        // then: not upcast, so still without the field
        assertThat(upcast.getType()).isEqualTo(new SimpleSerializedType(TYPE, "2"));
        assertThat(upcast.getData(JsonNode.class).getData().has("joinedMethod")).isFalse();
    }

    @Test
    void aRevision1PayloadReadsBackAsTheEventOfAnInvitedMember() {
        // given
        byte[] stored = fixture(REVISION_1);

        // when
        Object payload = readLikeTheEventStore(stored, null);

        // then
        assertThat(payload).isEqualTo(new AccountJoinedOrganizationEvent(new OrganizationId("o-exampleorg1"),
                new AccountId("111111111111"), "member@example.com", "Member", JoinedMethod.INVITED,
                new HandshakeId("h-examplejoin1"), List.of(new Tag("team", "payments")),
                Instant.parse("2024-03-01T10:15:30Z")));
    }

    @Test
    void anUnversionedPayloadReadsBackWithItsOwnMethod() {
        // given
        byte[] stored = fixture(UNVERSIONED_REVISION_2);

        // when
        Object payload = readLikeTheEventStore(stored, null);

        // then
        assertThat(payload).isEqualTo(new AccountJoinedOrganizationEvent(new OrganizationId("o-exampleorg1"),
                new AccountId("111111111111"), "member@example.com", "Member", JoinedMethod.CREATED, null,
                List.of(), Instant.parse("2025-06-01T08:00:00Z")));
    }

    @Test
    void newEventsAreStoredAsRevision2WithTheMethod() {
        // given
        AccountJoinedOrganizationEvent event = new AccountJoinedOrganizationEvent(new OrganizationId("o-exampleorg1"),
                new AccountId("111111111111"), "member@example.com", "Member", JoinedMethod.INVITED,
                new HandshakeId("h-examplejoin1"), List.of(), Instant.parse("2025-06-01T08:00:00Z"));

        // when
        SerializedType stored = serializer.serialize(event, byte[].class).getType();
        Object roundTrip = readLikeTheEventStore(serializer.serialize(event, byte[].class).getData(),
                stored.getRevision());

        // then
        assertThat(stored).isEqualTo(new SimpleSerializedType(TYPE, "2"));
        assertThat(roundTrip).isEqualTo(event);
    }

    private IntermediateEventRepresentation upcastOne(byte[] payload, String revision) {
        List<IntermediateEventRepresentation> upcast = upcasters
                .upcast(Stream.of(new InitialEventRepresentation(entry(payload, revision), serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }

    /** Through Axon's own upcast-then-deserialize path, as the JPA storage engine reads an aggregate. */
    private Object readLikeTheEventStore(byte[] payload, String revision) {
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(entry(payload, revision)), serializer, upcasters);
        DomainEventMessage<?> event = events.next();
        assertThat(events.hasNext()).isFalse();
        return event.getPayload();
    }

    private GenericDomainEventEntry<byte[]> entry(byte[] payload, String revision) {
        byte[] metadata = serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
        return new GenericDomainEventEntry<>("OrganizationAggregate", "o-exampleorg1", 1,
                UUID.randomUUID().toString(), Instant.parse("2024-03-01T10:15:30Z"), TYPE, revision, payload,
                metadata);
    }

    private static byte[] fixture(String path) {
        try (InputStream in = AccountJoinedOrganizationUpcasterTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
