package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.handshakeledger.app.config.AxonConfiguration;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.projections.audit.AuditMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountJoinedMethod;
import software.amazon.awssdk.services.organizations.model.ActionType;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Events stored by an older build still replay: an {@link AccountJoinedOrganizationEvent} of revision 1 (no
 * {@code joinedMethod}, no payload revision), written into the event store beneath the application, is upcast
 * wherever the application reads it: by the organization aggregate, by the audit trail's tracking processor and by a
 * rebuild of the organization views.
 */
class OldEventRevisionIT extends HandshakeITSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper STORED_FORMAT = AxonConfiguration.eventMapper();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    @Qualifier("aggregateCache")
    Cache aggregateCache;

    @Test
    void anOrganizationReplaysAMemberWhoJoinedUnderRevision1AsInvited() {
        // given: an organization whose member joined under an old build, before joinedMethod existed
        String management = fresh();
        String member = fresh();
        String organization = createOrganization(management, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        storeOldAccept(organization, member);

        // when: enabling all features asks every member who joined by invitation for approval
        Handshake parent = as(management).enableAllFeatures(r -> { }).handshake();

        // then: the member is known and counted as invited, which only the upcast event says
        assertThat(receivedBy(member)).filteredOn(h -> h.action() == ActionType.APPROVE_ALL_FEATURES)
                .singleElement()
                .satisfies(approval -> assertThat(approval.state()).isEqualTo(HandshakeState.OPEN));
        assertThat(parent.state()).isEqualTo(HandshakeState.REQUESTED);

        // when: the member is removed, which the organization refuses for an account it does not know
        as(management).removeAccountFromOrganization(r -> r.accountId(member));

        // then
        assertThat(new EventStoreProbe(jdbc).eventTypes(organization)).containsSubsequence(
                "OrganizationCreatedEvent", "AccountJoinedOrganizationEvent", "AllFeaturesMigrationStartedEvent",
                "AccountLeftOrganizationEvent");
    }

    @Test
    void theAuditTrailRecordsARevision1JoinAsAnInvitation() {
        // given
        String management = fresh();
        String member = fresh();
        String organization = createOrganization(management, OrganizationFeatureSet.ALL);

        // when
        long globalIndex = storeOldAccept(organization, member);

        // then: the tracking processor read it through the upcaster
        JsonNode details = awaitAuditDetails(globalIndex);
        assertThat(details.get("accountId").asText()).isEqualTo(member);
        assertThat(details.get("joinedMethod").asText()).isEqualTo(JoinedMethod.INVITED.name());
    }

    @Test
    void aRebuiltOrganizationViewShowsARevision1MemberAsInvited() {
        // given: a member whose join only the event store knows, as after restoring an old build's store
        String management = fresh();
        String member = fresh();
        String organization = createOrganization(management, OrganizationFeatureSet.ALL);
        storeOldAccept(organization, member);
        assertThat(accountsOf(management)).extracting(Account::id).doesNotContain(member);

        // when: the operator rebuilds the organization views from the event store
        OperatorHttp operator = OperatorHttp.as(new LedgerHttp(port), LedgerActors.OPERATOR);
        assertThat(operator.replay("organization-views").status()).isEqualTo(202);
        operator.awaitRebuilt("organization-views");

        // then: the replayed revision-1 event was upcast on its way into the view
        assertThat(accountsOf(management)).filteredOn(account -> account.id().equals(member)).singleElement()
                .satisfies(account -> assertThat(account.joinedMethod()).isEqualTo(AccountJoinedMethod.INVITED));
    }

    /**
     * What accepting an invitation stored before {@code joinedMethod} existed: the member's claim on its account and
     * the organization's revision-1 join, both at their aggregate's next sequence number. Returns the join's global
     * index.
     */
    private long storeOldAccept(String organization, String member) {
        Instant at = Instant.now();
        MetaData metadata = MetaData.from(Map.of(AuditMetadata.ACTOR_TYPE, AuditMetadata.ACCOUNT,
                AuditMetadata.ACCOUNT_ID, member, AuditMetadata.OPERATION, "AcceptHandshake"));
        store(member, "AccountAggregate", new AccountMembershipClaimedEvent(new AccountId(member),
                new OrganizationId(organization), false, at), null, metadata, at);
        AccountJoinedOrganizationEvent current = new AccountJoinedOrganizationEvent(new OrganizationId(organization),
                new AccountId(member), LedgerActors.email(member), LedgerActors.name(member), JoinedMethod.INVITED,
                new HandshakeId("h-" + UUID.randomUUID().toString().replace("-", "")), List.of(new Tag("k", "v")), at);
        long globalIndex = store(organization, "OrganizationAggregate", current, "joinedMethod", metadata, at);
        // the application that reads it is a newer build, started after the old one stopped: nothing is cached
        aggregateCache.remove(organization);
        return globalIndex;
    }

    /** Stores {@code event} as the old build did: the ledger's serializer, no payload revision, without a field. */
    private long store(String aggregateId, String aggregateType, Object event, String missingField,
                       MetaData metadata, Instant at) {
        SerializedObject<byte[]> serialized = eventSerializer.serialize(event, byte[].class);
        byte[] payload = serialized.getData();
        if (missingField != null) {
            payload = withoutField(payload, missingField);
        }
        Long last = jdbc.queryForObject("SELECT MAX(sequence_number) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, aggregateId);
        long globalIndex = EventStoreProbe.nextGlobalIndex(jdbc);
        jdbc.update("""
                INSERT INTO domain_event_entry (global_index, sequence_number, aggregate_identifier, event_identifier,
                    payload_revision, payload_type, time_stamp, type, meta_data, payload)
                VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)""",
                globalIndex, last == null ? 0 : last + 1, aggregateId, UUID.randomUUID().toString(),
                serialized.getType().getName(), at.toString(), aggregateType,
                eventSerializer.serialize(metadata, byte[].class).getData(), payload);
        return globalIndex;
    }

    private static byte[] withoutField(byte[] payload, String field) {
        try {
            ObjectNode json = (ObjectNode) STORED_FORMAT.readTree(payload);
            assertThat(json.remove(field)).as("the field an old build did not write").isNotNull();
            return STORED_FORMAT.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode awaitAuditDetails(long globalIndex) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<String> details = jdbc.queryForList("SELECT details FROM audit_record WHERE global_index = ?",
                    String.class, globalIndex);
            if (!details.isEmpty()) {
                try {
                    return STORED_FORMAT.readTree(details.get(0));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            EventStoreProbe.sleepUntil(Instant.now().plusMillis(100));
        }
        throw new AssertionError("No audit record for global index " + globalIndex + " within " + PATIENCE);
    }
}
