package org.handshakeledger.projections.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handshakeledger.projections.audit.AuditExamples.INVITE;
import static org.handshakeledger.projections.audit.AuditExamples.MANAGEMENT;
import static org.handshakeledger.projections.audit.AuditExamples.ORG;
import static org.handshakeledger.projections.audit.AuditExamples.RECIPIENT;
import static org.handshakeledger.projections.audit.AuditExamples.STRANGER;
import static org.handshakeledger.projections.audit.AuditExamples.T0;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.audit.RequestRefusedEvent;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.mirror.MirroredHandshakeChangedEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeFirstSeenEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeVanishedEvent;
import org.handshakeledger.domain.mirror.ObservedHandshake;
import org.handshakeledger.domain.mirror.Upstream;
import org.handshakeledger.domain.organization.InvitationReservedEvent;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.jdbc.core.JdbcTemplate;

@DataJpaTest(showSql = false)
class AuditTrailProjectionTest {
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

    /** An invitation accepted by its recipient, a refused request by a stranger, and an expiry by the ledger. */
    private void scriptedHistory() {
        deliver(new OrganizationCreatedEvent(PROFILE, T0), byAccount(MANAGEMENT, "CreateOrganization", "r-1"));
        deliver(new InvitationReservedEvent(ORG, INVITE, "account:222222222222", RECIPIENT, T0, T0.plusSeconds(60)),
                byAccount(MANAGEMENT, "InviteAccountToOrganization", "r-2"));
        deliver(new AccountInvitedEvent(INVITE, PROFILE, new HandshakeParty(RECIPIENT.value(), PartyType.ACCOUNT),
                        RECIPIENT, "welcome", List.of(), MANAGEMENT, T0, T0.plusSeconds(60), Duration.ofDays(30),
                        "expiry-1"),
                byAccount(MANAGEMENT, "InviteAccountToOrganization", "r-2"));
        deliver(new RequestRefusedEvent("CancelHandshake", "AccessDeniedException", "denied", null, INVITE.value(),
                null, "{\"HandshakeId\":\"" + INVITE + "\"}", T0.plusSeconds(5)),
                byAccount(RECIPIENT, "CancelHandshake", "r-3"));
        deliver(new HandshakeAcceptedEvent(INVITE, RECIPIENT, T0.plusSeconds(10), "retention-1"),
                byAccount(RECIPIENT, "AcceptHandshake", "r-4"));
        deliver(new HandshakeExpiredEvent(INVITE, T0.plusSeconds(60), "retention-2"),
                Map.of(AuditMetadata.ACTOR_TYPE, AuditMetadata.LEDGER, AuditMetadata.OPERATION, "handshake-expiry"));
    }

    @Nested
    class Records {
        @Test
        void recordStateChangesWithTheirActorAndRequestButNotTheBookkeeping() {
            // given
            scriptedHistory();

            // when
            List<AuditRecord> trail = page(AuditFilter.ALL, AuditScope.auditor());

            // then
            assertThat(trail).extracting(AuditRecord::eventType).containsExactly("OrganizationCreatedEvent",
                    "AccountInvitedEvent", "RequestRefusedEvent", "HandshakeAcceptedEvent", "HandshakeExpiredEvent");
            assertThat(trail).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            AuditRecord refused = trail.get(2);
            assertThat(refused.eventName()).isEqualTo("CancelHandshake");
            assertThat(refused.errorCode()).isEqualTo("AccessDeniedException");
            assertThat(refused.actorAccountId()).isEqualTo(RECIPIENT.value());
            assertThat(refused.organizationId()).isEqualTo(ORG.value());
            AuditRecord accepted = trail.get(3);
            assertThat(accepted.requestId()).isEqualTo("r-4");
            assertThat(accepted.sourceIp()).isEqualTo("192.0.2.10");
            assertThat(accepted.userAgent()).isEqualTo("aws-sdk-java/2");
            assertThat(accepted.state()).isEqualTo("ACCEPTED");
            assertThat(accepted.parties()).isEqualTo(",111111111111,222222222222,");
            AuditRecord expired = trail.get(4);
            assertThat(expired.actorType()).isEqualTo(AuditMetadata.LEDGER);
            assertThat(expired.actorAccountId()).isNull();
            assertThat(expired.eventName()).isEqualTo("ExpireHandshake");
        }

        @Test
        void whatTheMirrorSawUpstreamIsRecordedAsObservedWithTheUpstreamsOrganization() {
            // given a handshake of another organization seen, seen accepted, and seen no more
            Upstream upstream = new Upstream("https://organizations.us-east-1.amazonaws.com", "us-east-1",
                    "o-upstream11", "333333333333");
            ObservedHandshake open = observed("OPEN");
            Map<String, String> mirror = Map.of(AuditMetadata.ACTOR_TYPE, AuditMetadata.OBSERVED,
                    AuditMetadata.ACCOUNT_ID, "333333333333", AuditMetadata.ACCESS_KEY_ID, "AKIAMIRROR");
            deliver(new MirroredHandshakeFirstSeenEvent(open.id(), upstream, open, T0), mirror);
            deliver(new MirroredHandshakeChangedEvent(open.id(), upstream, "OPEN", observed("ACCEPTED"), T0), mirror);
            deliver(new MirroredHandshakeVanishedEvent(open.id(), upstream, "ACCEPTED", T0), mirror);

            // when
            List<AuditRecord> trail = page(AuditFilter.ALL, AuditScope.auditor());

            // then
            assertThat(trail).extracting(AuditRecord::eventName)
                    .containsExactly("HandshakeFirstSeen", "HandshakeChanged", "HandshakeVanished");
            assertThat(trail).extracting(AuditRecord::state).containsExactly("OPEN", "ACCEPTED", "DELETED");
            assertThat(trail).allSatisfy(record -> {
                assertThat(record.actorType()).isEqualTo(AuditMetadata.OBSERVED);
                assertThat(record.actorAccountId()).isEqualTo("333333333333");
                assertThat(record.accessKeyId()).isEqualTo("AKIAMIRROR");
                assertThat(record.organizationId()).isEqualTo("o-upstream11");
                assertThat(record.handshakeId()).isEqualTo("h-upstream0001");
                assertThat(record.parties()).isEqualTo(",333333333333,444444444444,");
                assertThat(record.sourceIp()).isNull();
            });
            assertThat(trail.get(0).details()).contains("organizations.us-east-1.amazonaws.com");
            // the ledger's own organization sees nothing of it
            assertThat(page(AuditFilter.ALL, new AuditScope(false, ORG.value(), MANAGEMENT.value()))).isEmpty();
        }

        @Test
        void aRedeliveredEventIsRecordedOnce() {
            // given
            deliver(new OrganizationCreatedEvent(PROFILE, T0), byAccount(MANAGEMENT, "CreateOrganization", "r-1"));

            // when
            EventMessage<?> again = GenericEventMessage.asEventMessage(new OrganizationCreatedEvent(PROFILE, T0));
            projection.on(again.getPayload(), again, new GlobalSequenceTrackingToken(position));

            // then
            assertThat(records.count()).isEqualTo(1);
        }

        @Test
        void scopeShowsAManagementAccountItsOrganizationAndAnAccountOnlyWhatItIsPartyTo() {
            // given
            scriptedHistory();

            // then
            assertThat(page(AuditFilter.ALL, new AuditScope(false, ORG.value(), MANAGEMENT.value()))).hasSize(5);
            assertThat(page(AuditFilter.ALL, new AuditScope(false, null, RECIPIENT.value())))
                    .extracting(AuditRecord::eventType)
                    .containsExactly("AccountInvitedEvent", "RequestRefusedEvent", "HandshakeAcceptedEvent",
                            "HandshakeExpiredEvent");
            assertThat(page(AuditFilter.ALL, new AuditScope(false, null, STRANGER.value()))).isEmpty();
        }

        @Test
        void filtersByHandshakeAndTime() {
            // given
            scriptedHistory();

            // then
            assertThat(page(new AuditFilter(null, null, INVITE.value(), null, null), AuditScope.auditor()))
                    .hasSize(4);
            assertThat(page(new AuditFilter(null, null, null, null, T0),
                    AuditScope.auditor())).isEmpty();
        }

        @Test
        void resetEmptiesTheTrail() {
            // given
            scriptedHistory();

            // when
            projection.reset();

            // then
            assertThat(records.count()).isZero();
            assertThat(handshakes.count()).isZero();
        }
    }

    @Nested
    class Verification {
        @Test
        void anUntouchedTrailIsValid() {
            // given
            scriptedHistory();

            // when
            AuditVerification result = queries.handle(new VerifyAuditTrailQuery(null, null));

            // then
            assertThat(result).isEqualTo(new AuditVerification(true, 5, null, null));
        }

        @Test
        void aChangedColumnBreaksTheChainAtThatRecord() {
            // given
            scriptedHistory();
            flush();

            // when
            jdbc.update("update audit_record set actor_account_id = '999999999999' where seq = 3");

            // then
            AuditVerification result = queries.handle(new VerifyAuditTrailQuery(null, null));
            assertThat(result.valid()).isFalse();
            assertThat(result.brokenAtSeq()).isEqualTo(3);
            assertThat(result.records()).isEqualTo(2);
        }

        @Test
        void aDeletedRecordBreaksTheChainWhereItWas() {
            // given
            scriptedHistory();
            flush();

            // when
            jdbc.update("delete from audit_record where seq = 2");

            // then
            AuditVerification result = queries.handle(new VerifyAuditTrailQuery(null, null));
            assertThat(result.valid()).isFalse();
            assertThat(result.brokenAtSeq()).isEqualTo(2);
        }

        @Test
        void swappedRecordsBreakTheChain() {
            // given
            scriptedHistory();
            flush();

            // when the content of records 2 and 3 changes places, each keeping its sequence number
            jdbc.update("update audit_record set seq = -2 where seq = 2");
            jdbc.update("update audit_record set seq = 2 where seq = 3");
            jdbc.update("update audit_record set seq = 3 where seq = -2");

            // then
            AuditVerification result = queries.handle(new VerifyAuditTrailQuery(null, null));
            assertThat(result.valid()).isFalse();
            assertThat(result.brokenAtSeq()).isEqualTo(2);
        }

        @Test
        void aRangeIsCheckedAgainstTheRecordBeforeIt() {
            // given
            scriptedHistory();

            // when
            AuditVerification result = queries.handle(new VerifyAuditTrailQuery(T0.minusSeconds(1), null));

            // then
            assertThat(result.valid()).isTrue();
        }

        @Test
        void theSameHistoryAlwaysGivesTheSameChain() {
            // given
            scriptedHistory();
            List<String> first = page(AuditFilter.ALL, AuditScope.auditor()).stream().map(AuditRecord::hash).toList();

            // when
            projection.reset();
            flush();
            position = 0;
            scriptedHistory();

            // then
            assertThat(page(AuditFilter.ALL, AuditScope.auditor())).extracting(AuditRecord::hash)
                    .containsExactlyElementsOf(first);
        }
    }

    private static ObservedHandshake observed(String state) {
        return new ObservedHandshake("h-upstream0001",
                "arn:aws:organizations::333333333333:handshake/o-upstream11/invite/h-upstream0001", "INVITE", state,
                List.of(new ObservedHandshake.Party("o-upstream11", "ORGANIZATION"),
                        new ObservedHandshake.Party("444444444444", "ACCOUNT")),
                List.of(), T0, T0.plusSeconds(600));
    }

    private void deliver(Object payload, Map<String, String> metadata) {
        position++;
        EventMessage<?> timed = new GenericEventMessage<>(UUID.randomUUID().toString(), payload,
                metadata, T0.plusSeconds(position));
        projection.on(payload, timed, new GlobalSequenceTrackingToken(position));
    }

    private static Map<String, String> byAccount(AccountId account, String operation, String requestId) {
        return Map.of(AuditMetadata.ACTOR_TYPE, AuditMetadata.ACCOUNT,
                AuditMetadata.ACCOUNT_ID, account.value(),
                AuditMetadata.ACCESS_KEY_ID, "AKIA" + account.value(),
                AuditMetadata.SOURCE_IP, "192.0.2.10",
                AuditMetadata.USER_AGENT, "aws-sdk-java/2",
                AuditMetadata.REQUEST_ID, requestId,
                AuditMetadata.REQUEST_TIME, T0.toString(),
                AuditMetadata.OPERATION, operation,
                AuditMetadata.REQUEST_PARAMETERS, "{}");
    }

    private List<AuditRecord> page(AuditFilter filter, AuditScope scope) {
        flush();
        return queries.handle(new AuditPageQuery(filter, scope, 0, 100)).records();
    }

    private void flush() {
        entities.flush();
        entities.clear();
    }
}
