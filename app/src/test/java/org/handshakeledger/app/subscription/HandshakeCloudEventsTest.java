package org.handshakeledger.app.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.handshakeledger.projections.handshake.HandshakeFold;
import org.junit.jupiter.api.Test;

class HandshakeCloudEventsTest {
    private static final HandshakeId ID = new HandshakeId("h-0123456789abcdef0123456789abcdef");
    private static final OrganizationId ORG = new OrganizationId("o-abcdef1234");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId MEMBER = new AccountId("222222222222");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final HandshakeCloudEvents cloudEvents = new HandshakeCloudEvents(new AwsJson());
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void mapsAnAcceptedInvitationWithTheHandshakeAsItThenWasAndTheActor() throws Exception {
        // given
        HandshakeFold fold = new HandshakeFold();
        fold.apply(invited(), 0);
        HandshakeAcceptedEvent accepted = new HandshakeAcceptedEvent(ID, MEMBER, T0.plusSeconds(60), "r-1");
        fold.apply(accepted, 1);
        LedgerEvent event = new LedgerEvent(42, "event-1", ID.value(), 1, T0.plusSeconds(60), accepted,
                Map.of("actorType", "ACCOUNT", "accountId", MEMBER.value(), "accessKeyId", "AKIAMEMBER",
                        "sourceIp", "10.0.0.1", "userAgent", "aws-cli", "requestId", "req-1"), fold);

        // when
        CloudEvent cloudEvent = cloudEvents.toCloudEvent(event);

        // then
        assertThat(cloudEvent.getId()).isEqualTo("event-1");
        assertThat(cloudEvent.getType()).isEqualTo("org.handshakeledger.handshake.accepted");
        assertThat(cloudEvent.getSource()).isEqualTo(URI.create("/handshake-ledger/organizations/" + ORG.value()));
        assertThat(cloudEvent.getSubject()).isEqualTo(ID.value());
        assertThat(cloudEvent.getTime()).isEqualTo(T0.plusSeconds(60).atOffset(ZoneOffset.UTC));
        assertThat(cloudEvent.getDataContentType()).isEqualTo("application/json");
        assertThat(cloudEvent.getExtension("sequence")).isEqualTo("42");
        JsonNode data = json.readTree(cloudEvent.getData().toBytes());
        JsonNode handshake = data.get("handshake");
        assertThat(handshake.get("Id").asText()).isEqualTo(ID.value());
        assertThat(handshake.get("State").asText()).isEqualTo("ACCEPTED");
        assertThat(handshake.get("Action").asText()).isEqualTo("INVITE");
        assertThat(handshake.get("RequestedTimestamp").decimalValue()).isEqualByComparingTo("1767225600");
        assertThat(handshake.get("Parties").get(1).get("Id").asText()).isEqualTo(MEMBER.value());
        assertThat(data.get("actor").toString()).isEqualTo("{\"type\":\"ACCOUNT\",\"accountId\":\"222222222222\","
                + "\"accessKeyId\":\"AKIAMEMBER\",\"sourceIp\":\"10.0.0.1\",\"userAgent\":\"aws-cli\","
                + "\"requestId\":\"req-1\"}");
        JsonNode structured = json.readTree(cloudEvents.serialize(cloudEvent));
        assertThat(structured.get("specversion").asText()).isEqualTo("1.0");
        assertThat(structured.get("data").get("handshake").get("State").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void describesADeletedHandshakeAsItWasWhenDeletedWithTheLedgerAsActor() {
        // given
        HandshakeFold fold = new HandshakeFold();
        fold.apply(invited(), 0);
        fold.apply(new HandshakeAcceptedEvent(ID, MEMBER, T0.plusSeconds(60), "r-1"), 1);
        HandshakeDeletedEvent deleted = new HandshakeDeletedEvent(ID, T0.plus(Duration.ofDays(30)));
        fold.apply(deleted, 2);
        LedgerEvent event = new LedgerEvent(43, "event-2", ID.value(), 2, T0.plus(Duration.ofDays(30)), deleted,
                Map.of("actorType", "LEDGER"), fold);

        // when
        CloudEvent cloudEvent = cloudEvents.toCloudEvent(event);

        // then
        assertThat(cloudEvent.getType()).isEqualTo("org.handshakeledger.handshake.deleted");
        String data = new String(cloudEvent.getData().toBytes());
        assertThat(data).contains("\"State\":\"ACCEPTED\"")
                .contains("\"actor\":{\"type\":\"LEDGER\",\"accountId\":null");
    }

    @Test
    void listsNineTypes() {
        assertThat(HandshakeCloudEvents.types()).hasSize(9)
                .allSatisfy(type -> assertThat(type).startsWith("org.handshakeledger.handshake."));
    }

    private static AccountInvitedEvent invited() {
        return new AccountInvitedEvent(ID, new OrganizationProfile(ORG, MANAGEMENT, "mgmt@example.com", "Management",
                FeatureSet.ALL), new HandshakeParty(MEMBER.value(), PartyType.ACCOUNT), MEMBER, "Welcome", List.of(),
                MANAGEMENT, T0, T0.plus(Duration.ofDays(15)), Duration.ofDays(30), "e-1");
    }
}
