package org.handshakeledger.projections.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.handshakeledger.projections.audit.AuditExamples.MANAGEMENT;
import static org.handshakeledger.projections.audit.AuditExamples.ORG;
import static org.handshakeledger.projections.audit.AuditExamples.RECIPIENT;
import static org.handshakeledger.projections.audit.AuditExamples.STRANGER;
import static org.handshakeledger.projections.audit.AuditExamples.STRANGERS_ORG;
import static org.handshakeledger.projections.audit.AuditExamples.T0;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.audit.RequestRefusedEvent;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeDeclinedEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AccountLeftOrganizationEvent;
import org.handshakeledger.domain.organization.AllFeaturesEnabledEvent;
import org.handshakeledger.domain.organization.DepartureReason;
import org.handshakeledger.domain.organization.InvitationReservedEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationDeletedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;

/**
 * Trails already written must verify for ever, and a rebuild must write them again as they were: the same events
 * must give the same records, byte for byte. The hashes below were taken from the trail as the ledger wrote it; each
 * covers every field of its record, so a change to what any kind of event records, or to the canonical form, fails
 * here, at the first record it changes.
 */
@DataJpaTest(showSql = false)
class AuditTrailStoredFormatTest {
    private static final HandshakeId BY_EMAIL = new HandshakeId("h-byemail0000000001");
    private static final HandshakeId BY_ACCOUNT = new HandshakeId("h-byaccount00000001");
    private static final HandshakeId PARENT = new HandshakeId("h-parent00000000001");
    private static final HandshakeId APPROVAL = new HandshakeId("h-approval000000001");
    private static final HandshakeId UNSEEN = new HandshakeId("h-unseen00000000001");
    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, "mgmt@example.com",
            "Management", FeatureSet.CONSOLIDATED_BILLING);
    private static final Duration RETENTION = Duration.ofDays(30);

    @Autowired
    AuditRecordRepository records;
    @Autowired
    AuditedHandshakeRepository handshakes;
    @Autowired
    TestEntityManager entities;

    private AuditTrailProjection projection;
    private long position;

    @BeforeEach
    void setUp() {
        projection = new AuditTrailProjection(records, handshakes);
    }

    @Test
    void everyKindOfEventIsRecordedAsItAlwaysWas() {
        // when
        everyKindOfEvent();
        entities.flush();
        entities.clear();

        // then
        List<AuditRecord> trail = records.findAll().stream().map(AuditRecordEntity::toRecord)
                .sorted(Comparator.comparingLong(AuditRecord::seq)).toList();
        assertThat(trail).extracting(AuditRecord::eventType, AuditRecord::hash).containsExactly(
                tuple("OrganizationCreatedEvent",
                        "f5324c3316e4883035af2e7031eabd5a9d6747af36e66962a5c2ba0756e5b3f5"),
                tuple("AccountInvitedEvent",
                        "bded1079bc2bca27f4f8d76afdcb7af42601407edd402ee001d0431bf635d4e0"),
                tuple("AccountInvitedEvent",
                        "10116b75a7a123d7c956725c38a8b071edd70601b1f1cd87aec99ac257854fa2"),
                tuple("RequestRefusedEvent",
                        "0ca316e4920d3a1b5448b993927d27e336ded6711143d67448412bc8ecd20544"),
                tuple("RequestRefusedEvent",
                        "6c14915ab834d311192fbb0f01a58226f466fa3ec5067940c371611481c736e4"),
                tuple("RequestRefusedEvent",
                        "a255136f2f29d42922d385057960cf90b5c60d1cb9ec2c2dd6f28604e52f2fe6"),
                tuple("HandshakeAcceptedEvent",
                        "f7c732db3e525a5ac8c1401eee5915d86f8bf79c2b75d74140327a3ab9e9507d"),
                tuple("AccountJoinedOrganizationEvent",
                        "fb892c4e5a04fd5ac5394d0845986891a99184e28f3102bca0ab9083e22d576d"),
                tuple("HandshakeDeclinedEvent",
                        "41cd096caec0e43ba04633a34417113a70c8ffd604c3b3274e422d014df2c163"),
                tuple("AllFeaturesRequestedEvent",
                        "83bc4a19aad968b775a2b85909b941b34719beecd50c82de5388e4e025312f4c"),
                tuple("AllFeaturesApprovalRequestedEvent",
                        "43039cf04497afbd75ec57834c921ec277f389a140d106d8529241ff791001a4"),
                tuple("HandshakeAcceptedEvent",
                        "aaf5948a095cafd45dda68557698fb21246a89cbe773b398c123d4e137991e56"),
                tuple("HandshakeOpenedEvent",
                        "caea3d9ad9b2cff215a10091e6e0637925fbfcc35e23f540c4e20dd6ff127194"),
                tuple("HandshakeCanceledEvent",
                        "3a2d60f04df267d52fbbdba1a84b02321f851a90c03111d081e91b85a35768a5"),
                tuple("AllFeaturesEnabledEvent",
                        "47674834f55cac87ad3eb23be8a10aef514a7ab73fab90c413785d01d4ef9bb7"),
                tuple("HandshakeExpiredEvent",
                        "2bf162210c2522d3caed6d19653c766ba059c0b2f6e02989ccf545be49f8fe43"),
                tuple("HandshakeDeletedEvent",
                        "266ba763f98b6aff9a5fc09eb8018eb935d965cb8e6f940b9601ba11e7fb288d"),
                tuple("AccountLeftOrganizationEvent",
                        "0cc7519eebba4da9b959a8bc651ca822737bb68b00e519f34668e1350d1a80d1"),
                tuple("AccountJoinedOrganizationEvent",
                        "5af8dd5b0aa6cce1cae5823c98ecdeea4d529dfab33c93111276529224a41387"),
                tuple("OrganizationDeletedEvent",
                        "1c27eefd2166ee1687ebff0d9fccd47156a5fe8564ab51f77c9dde48ef021d41"));
    }

    private void everyKindOfEvent() {
        deliver(new OrganizationCreatedEvent(PROFILE, T0), byAccount(MANAGEMENT, "CreateOrganization"));
        // bookkeeping: no record of its own
        deliver(new InvitationReservedEvent(ORG, BY_EMAIL, "email:someone@example.com", null, T0, T0.plusSeconds(60)),
                byAccount(MANAGEMENT, "InviteAccountToOrganization"));
        deliver(invitation(BY_EMAIL, new HandshakeParty("Someone@Example.COM", PartyType.EMAIL), null),
                byAccount(MANAGEMENT, "InviteAccountToOrganization"));
        deliver(invitation(BY_ACCOUNT, new HandshakeParty(RECIPIENT.value(), PartyType.ACCOUNT), RECIPIENT),
                byAccount(MANAGEMENT, "InviteAccountToOrganization"));
        deliver(refusal("AcceptHandshake", BY_ACCOUNT, STRANGERS_ORG), byAccount(STRANGER, "AcceptHandshake"));
        deliver(refusal("CancelHandshake", BY_ACCOUNT, null), byAccount(RECIPIENT, "CancelHandshake"));
        deliver(refusal("CreateOrganization", null, null), withoutRequestTime(byAccount(RECIPIENT, "CreateOrganization")));
        deliver(new HandshakeAcceptedEvent(BY_ACCOUNT, RECIPIENT, T0.plusSeconds(10), "retention-1"),
                byAccount(RECIPIENT, "AcceptHandshake"));
        deliver(new AccountJoinedOrganizationEvent(ORG, RECIPIENT, "member@example.com", "Member", JoinedMethod.INVITED,
                BY_ACCOUNT, List.of(new Tag("team", "platform")), T0.plusSeconds(10)),
                byAccount(RECIPIENT, "AcceptHandshake"));
        deliver(new HandshakeDeclinedEvent(BY_EMAIL, null, T0.plusSeconds(20), "retention-2"),
                byAccount(STRANGER, "DeclineHandshake"));
        deliver(new AllFeaturesRequestedEvent(PARENT, PROFILE, List.of(APPROVAL), HandshakeState.REQUESTED, MANAGEMENT,
                T0.plusSeconds(30), T0.plusSeconds(90), RETENTION, "expiry-3"),
                byAccount(MANAGEMENT, "EnableAllFeatures"));
        deliver(new AllFeaturesApprovalRequestedEvent(APPROVAL, PARENT, PROFILE, RECIPIENT, T0.plusSeconds(30),
                T0.plusSeconds(90), RETENTION, "expiry-4"), byAccount(MANAGEMENT, "EnableAllFeatures"));
        deliver(new HandshakeAcceptedEvent(APPROVAL, RECIPIENT, T0.plusSeconds(40), "retention-3"),
                byAccount(RECIPIENT, "AcceptHandshake"));
        deliver(new HandshakeOpenedEvent(PARENT, T0.plusSeconds(40)), byAccount(RECIPIENT, "AcceptHandshake"));
        deliver(new HandshakeCanceledEvent(UNSEEN, null, CloseReason.ALL_FEATURES_MIGRATION_STARTED,
                T0.plusSeconds(45), "retention-4"), Map.of());
        deliver(new AllFeaturesEnabledEvent(ORG, PARENT, T0.plusSeconds(50)),
                byAccount(MANAGEMENT, "AcceptHandshake"));
        deliver(new HandshakeExpiredEvent(BY_EMAIL, T0.plusSeconds(60), "retention-5"), byLedger("handshake-expiry"));
        deliver(new HandshakeDeletedEvent(BY_ACCOUNT, T0.plus(RETENTION)), byLedger("handshake-retention"));
        deliver(new AccountLeftOrganizationEvent(ORG, RECIPIENT, DepartureReason.LEFT, T0.plusSeconds(70)),
                byAccount(RECIPIENT, "LeaveOrganization"));
        deliver(new AccountJoinedOrganizationEvent(STRANGERS_ORG, STRANGER, "s@example.com", "S", JoinedMethod.CREATED,
                null, List.of(), T0.plusSeconds(80)), byAccount(STRANGER, "CreateOrganization"));
        deliver(new OrganizationDeletedEvent(ORG, MANAGEMENT, T0.plusSeconds(90)),
                byAccount(MANAGEMENT, "DeleteOrganization"));
    }

    private static AccountInvitedEvent invitation(HandshakeId id, HandshakeParty target, AccountId recipient) {
        return new AccountInvitedEvent(id, PROFILE, target, recipient, "welcome", List.of(new Tag("k", "v")),
                MANAGEMENT, T0, T0.plusSeconds(60), RETENTION, "expiry-" + id);
    }

    private static RequestRefusedEvent refusal(String operation, HandshakeId handshake, OrganizationId callersOrg) {
        return new RequestRefusedEvent(operation, "AccessDeniedException", "refused", "reason",
                handshake == null ? null : handshake.value(), callersOrg == null ? null : callersOrg.value(),
                "{\"HandshakeId\":\"" + handshake + "\"}", T0.plusSeconds(5));
    }

    private void deliver(Object payload, Map<String, String> metadata) {
        position++;
        EventMessage<?> event = new GenericEventMessage<>("event-" + position, payload, metadata,
                T0.plusMillis(1001 * position));
        projection.on(payload, event, new GlobalSequenceTrackingToken(position));
    }

    private static Map<String, String> byAccount(AccountId account, String operation) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(AuditMetadata.ACTOR_TYPE, AuditMetadata.ACCOUNT);
        metadata.put(AuditMetadata.ACCOUNT_ID, account.value());
        metadata.put(AuditMetadata.ACCESS_KEY_ID, "AKIA" + account.value());
        metadata.put(AuditMetadata.SOURCE_IP, "192.0.2.10");
        metadata.put(AuditMetadata.USER_AGENT, "aws-sdk-java/2");
        metadata.put(AuditMetadata.REQUEST_ID, "r-" + account.value() + "-" + operation);
        metadata.put(AuditMetadata.REQUEST_TIME, T0.toString());
        metadata.put(AuditMetadata.OPERATION, operation);
        metadata.put(AuditMetadata.REQUEST_PARAMETERS, "{\"Operation\":\"" + operation + "\"}");
        return metadata;
    }

    private static Map<String, String> withoutRequestTime(Map<String, String> metadata) {
        metadata.remove(AuditMetadata.REQUEST_TIME);
        return metadata;
    }

    /** What a deadline carries: the ledger as actor, and an account id that must not be recorded as one. */
    private static Map<String, String> byLedger(String deadline) {
        return Map.of(AuditMetadata.ACTOR_TYPE, AuditMetadata.LEDGER, AuditMetadata.OPERATION, deadline,
                AuditMetadata.ACCOUNT_ID, MANAGEMENT.value(), AuditMetadata.SOURCE_IP, "192.0.2.10");
    }
}
