package org.handshakeledger.projections.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.handshakeledger.projections.audit.AuditExamples.INVITE;
import static org.handshakeledger.projections.audit.AuditExamples.MANAGEMENT;
import static org.handshakeledger.projections.audit.AuditExamples.ORG;
import static org.handshakeledger.projections.audit.AuditExamples.RECIPIENT;
import static org.handshakeledger.projections.audit.AuditExamples.STRANGER;
import static org.handshakeledger.projections.audit.AuditExamples.STRANGERS_ORG;
import static org.handshakeledger.projections.audit.AuditExamples.T0;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.audit.RequestRefusedEvent;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What can go wrong between the event store and the trail: refusals about handshakes the caller may not see, events
 * that commit out of global-index order, and very long values.
 */
@DataJpaTest(showSql = false)
class AuditTrailEdgeCasesTest {
    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, "mgmt@example.com",
            "Management", FeatureSet.ALL);

    @Autowired
    AuditRecordRepository records;
    @Autowired
    AuditedHandshakeRepository handshakes;
    @Autowired
    TestEntityManager entities;
    @Autowired
    JdbcTemplate jdbc;

    private AuditTrailProjection projection;
    private AuditTrailQueries queries;
    private long position;

    @BeforeEach
    void setUp() {
        projection = new AuditTrailProjection(records, handshakes);
        queries = new AuditTrailQueries(records);
    }

    @Nested
    class RefusedRequests {
        @Test
        void aStrangersRefusalNamesNeitherTheOrganizationNorThePartiesOfTheHandshake() {
            // given
            deliver(invitation(List.of()), byAccount(MANAGEMENT, "InviteAccountToOrganization", "r-1", "ua"));

            // when the stranger, told the handshake does not exist, is recorded
            deliver(refusal("AcceptHandshake", "HandshakeNotFoundException", STRANGERS_ORG),
                    byAccount(STRANGER, "AcceptHandshake", "r-2", "ua"));

            // then
            AuditRecord refused = trail(AuditScope.auditor()).get(1);
            assertThat(refused.handshakeId()).isEqualTo(INVITE.value());
            assertThat(refused.organizationId()).isEqualTo(STRANGERS_ORG.value());
            assertThat(refused.parties()).isEqualTo("," + STRANGER.value() + ",");
            assertThat(trail(new AuditScope(false, null, STRANGER.value()))).containsExactly(refused);
            assertThat(trail(new AuditScope(false, ORG.value(), MANAGEMENT.value())))
                    .extracting(AuditRecord::eventType).containsExactly("AccountInvitedEvent");
            assertThat(trail(new AuditScope(false, null, RECIPIENT.value())))
                    .extracting(AuditRecord::eventType).containsExactly("AccountInvitedEvent");
        }

        @Test
        void aRefusalOfAPartyGoesToTheHandshakesOrganizationAndParties() {
            // given
            deliver(invitation(List.of()), byAccount(MANAGEMENT, "InviteAccountToOrganization", "r-1", "ua"));

            // when
            deliver(refusal("CancelHandshake", "AccessDeniedException", null),
                    byAccount(RECIPIENT, "CancelHandshake", "r-2", "ua"));

            // then
            AuditRecord refused = trail(AuditScope.auditor()).get(1);
            assertThat(refused.organizationId()).isEqualTo(ORG.value());
            assertThat(refused.parties()).isEqualTo(",111111111111,222222222222,");
            assertThat(trail(new AuditScope(false, ORG.value(), MANAGEMENT.value()))).contains(refused);
        }
    }

    @Nested
    class GapsInTheGlobalIndex {
        @Test
        void anEventThatCommittedAfterALaterOneIsRecordedWithItsOwnIndex() {
            // given two events in the store; the one at index 5 committed first, the one at 4 later
            EventMessage<?> later = message(new OrganizationCreatedEvent(PROFILE, T0),
                    byAccount(MANAGEMENT, "CreateOrganization", "r-1", "ua"));
            EventMessage<?> earlier = message(invitation(List.of()),
                    byAccount(MANAGEMENT, "InviteAccountToOrganization", "r-2", "ua"));
            store(5, later);
            store(4, earlier);

            // when the processor sees 5 (with 4 as a gap), then 4 filling the gap: its token still says 5
            projection.on(later.getPayload(), later, GapAwareTrackingToken.newInstance(5, List.of(4L)));
            projection.on(earlier.getPayload(), earlier, GapAwareTrackingToken.newInstance(5, List.of()));

            // then
            assertThat(trail(AuditScope.auditor())).extracting(AuditRecord::eventType, AuditRecord::globalIndex)
                    .containsExactly(tuple("OrganizationCreatedEvent", 5L), tuple("AccountInvitedEvent", 4L));
        }

        @Test
        void aRedeliveredGapEventIsRecordedOnce() {
            // given
            EventMessage<?> earlier = message(invitation(List.of()),
                    byAccount(MANAGEMENT, "InviteAccountToOrganization", "r-2", "ua"));
            store(4, earlier);
            projection.on(earlier.getPayload(), earlier, GapAwareTrackingToken.newInstance(5, List.of()));

            // when
            projection.on(earlier.getPayload(), earlier, GapAwareTrackingToken.newInstance(5, List.of()));

            // then
            assertThat(trail(AuditScope.auditor())).hasSize(1);
        }

        private void store(long globalIndex, EventMessage<?> event) {
            jdbc.update("insert into domain_event_entry (global_index, sequence_number, aggregate_identifier,"
                    + " event_identifier, payload_type, time_stamp, payload) values (?, 0, ?, ?, ?, ?, ?)",
                    globalIndex, event.getIdentifier(), event.getIdentifier(), event.getPayloadType().getName(),
                    event.getTimestamp().toString(), new byte[] {'{', '}'});
        }
    }

    @Nested
    class LongValues {
        @Test
        void aLongUserAgentAndFiftyLongTagsAreRecordedWholeAndChained() {
            // given
            List<Tag> tags = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tags.add(new Tag(String.format("%03d", i) + "k".repeat(125), "\"".repeat(256)));
            }
            String userAgent = "aws-sdk-java/2 " + "x".repeat(7000);

            // when
            deliver(invitation(tags), byAccount(MANAGEMENT, "InviteAccountToOrganization", "r-1", userAgent));

            // then
            AuditRecord invited = trail(AuditScope.auditor()).get(0);
            assertThat(invited.userAgent()).isEqualTo(userAgent);
            assertThat(invited.details()).hasSizeGreaterThan(30_000).contains(tags.get(49).key());
            assertThat(queries.handle(new VerifyAuditTrailQuery(null, null)).valid()).isTrue();
        }
    }

    private static AccountInvitedEvent invitation(List<Tag> tags) {
        return new AccountInvitedEvent(INVITE, PROFILE, new HandshakeParty(RECIPIENT.value(), PartyType.ACCOUNT),
                RECIPIENT, "welcome", tags, MANAGEMENT, T0, T0.plusSeconds(60), Duration.ofDays(30), "expiry-1");
    }

    private static RequestRefusedEvent refusal(String operation, String errorCode, OrganizationId callersOrg) {
        return new RequestRefusedEvent(operation, errorCode, "refused", null, INVITE.value(),
                callersOrg == null ? null : callersOrg.value(), "{\"HandshakeId\":\"" + INVITE + "\"}",
                T0.plusSeconds(5));
    }

    private void deliver(Object payload, Map<String, String> metadata) {
        EventMessage<?> timed = message(payload, metadata);
        projection.on(payload, timed, new GlobalSequenceTrackingToken(position));
    }

    private EventMessage<?> message(Object payload, Map<String, String> metadata) {
        position++;
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, metadata, T0.plusSeconds(position));
    }

    private static Map<String, String> byAccount(AccountId account, String operation, String requestId,
                                                 String userAgent) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(AuditMetadata.ACTOR_TYPE, AuditMetadata.ACCOUNT);
        metadata.put(AuditMetadata.ACCOUNT_ID, account.value());
        metadata.put(AuditMetadata.ACCESS_KEY_ID, "AKIA" + account.value());
        metadata.put(AuditMetadata.SOURCE_IP, "192.0.2.10");
        metadata.put(AuditMetadata.USER_AGENT, userAgent);
        metadata.put(AuditMetadata.REQUEST_ID, requestId);
        metadata.put(AuditMetadata.REQUEST_TIME, T0.toString());
        metadata.put(AuditMetadata.OPERATION, operation);
        metadata.put(AuditMetadata.REQUEST_PARAMETERS, "{}");
        return metadata;
    }

    private List<AuditRecord> trail(AuditScope scope) {
        entities.flush();
        entities.clear();
        return queries.handle(new AuditPageQuery(AuditFilter.ALL, scope, 0, 100)).records();
    }
}
