package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.handshakeledger.domain.LedgerExamples.APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.EXPIRES_AT;
import static org.handshakeledger.domain.LedgerExamples.INVITATION;
import static org.handshakeledger.domain.LedgerExamples.MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.MEMBER;
import static org.handshakeledger.domain.LedgerExamples.MIGRATION_LIFETIME;
import static org.handshakeledger.domain.LedgerExamples.ORG;
import static org.handshakeledger.domain.LedgerExamples.OTHER_INVITATION;
import static org.handshakeledger.domain.LedgerExamples.OTHER_RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.PARENT;
import static org.handshakeledger.domain.LedgerExamples.PROFILE;
import static org.handshakeledger.domain.LedgerExamples.RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.RETENTION;
import static org.handshakeledger.domain.LedgerExamples.SECOND_APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.SECOND_MEMBER;
import static org.handshakeledger.domain.LedgerExamples.SMALL_MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.SMALL_ORG;
import static org.handshakeledger.domain.LedgerExamples.SMALL_PROFILE;
import static org.handshakeledger.domain.LedgerExamples.T0;
import static org.handshakeledger.domain.LedgerExamples.T1;
import static org.handshakeledger.domain.LedgerExamples.T2;
import static org.handshakeledger.domain.LedgerExamples.acceptHandshake;
import static org.handshakeledger.domain.LedgerExamples.declineHandshake;
import static org.handshakeledger.domain.LedgerExamples.enableAllFeatures;
import static org.handshakeledger.domain.LedgerExamples.invite;
import static org.handshakeledger.domain.LedgerExamples.invited;
import static org.handshakeledger.domain.LedgerExamples.joined;
import static org.handshakeledger.domain.LedgerExamples.reserved;

import java.time.Instant;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.RecordingDeadlineManager.Scheduled;
import org.handshakeledger.domain.organization.AllFeaturesMigrationEndedEvent;
import org.handshakeledger.domain.organization.InvitationReleasedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Canceling a handshake: only its originator, the organization's management account, may. A canceled invitation
 * gives its slot back; a canceled enable-all-features request cancels its approvals still open and ends the
 * migration, so the organization may invite and request again (spec §7.2 step 5).
 */
class CancelHandshakeTest {
    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganizationCreated(PROFILE, T0)
                .givenJoined(joined(ORG, MEMBER), joined(ORG, SECOND_MEMBER))
                .givenOrganizationCreated(SMALL_PROFILE, T0);
    }

    /** The invitation of {@code RECIPIENT} to {@code ORG}, sent at T0; its expiry is not scheduled here. */
    private void givenAnOpenInvitation() {
        fixture.givenOrganization(ORG, reserved(INVITATION, RECIPIENT, T0))
               .givenHandshake(INVITATION, invited(INVITATION, RECIPIENT, T0, "expiry-0"));
    }

    @Nested
    class CancelingAnInvitation {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void cancelsAnOpenInvitationForTheOriginatorAndFreesItsSlot() {
            fixture.when(cancel(INVITATION, MANAGEMENT, T1))
                   .expectEvents(new HandshakeCanceledEvent(INVITATION, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                                   T1, "handshake-retention-1"),
                           new InvitationReleasedEvent(ORG, INVITATION, T1));
        }

        @Test
        void cancelsTheExpiryAndSchedulesTheDeletionRetentionLater() {
            fixture.givenCommands(invite(OTHER_INVITATION, OTHER_RECIPIENT, T0));

            fixture.when(cancel(OTHER_INVITATION, MANAGEMENT, T1)).expectSuccess();

            assertThat(fixture.deadlines().scheduled())
                    .extracting(Scheduled::id, Scheduled::name, Scheduled::at, Scheduled::payload)
                    .containsExactly(tuple("handshake-retention-2", HandshakeDeadlines.RETENTION, T1.plus(RETENTION),
                            new RetentionDue(OTHER_INVITATION, T1.plus(RETENTION))));
        }

        @Test
        void refusesTheRecipientCancelingTheInvitation() {
            fixture.when(cancel(INVITATION, RECIPIENT, T1))
                   .expectException(AccessDeniedException.class);
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void refusesAMemberOfTheOrganizationCancelingTheInvitation() {
            fixture.when(cancel(INVITATION, MEMBER, T1))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void stillCancelsOneMillisecondBeforeTheExpirationTime() {
            Instant justInTime = EXPIRES_AT.minusMillis(1);

            fixture.when(cancel(INVITATION, MANAGEMENT, justInTime))
                   .expectEvents(new HandshakeCanceledEvent(INVITATION, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                                   justInTime, "handshake-retention-1"),
                           new InvitationReleasedEvent(ORG, INVITATION, justInTime));
        }

        @Test
        void seesTheInvitationExpiredAtItsExpirationTime() {
            fixture.when(cancel(INVITATION, MANAGEMENT, EXPIRES_AT))
                   .expectException(InvalidHandshakeTransitionException.class);
        }
    }

    @Nested
    class CancelingASettledInvitation {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void refusesCancelingAnAcceptedInvitation() {
            fixture.givenCommands(acceptHandshake(INVITATION, RECIPIENT, T1));

            fixture.when(cancel(INVITATION, MANAGEMENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesCancelingADeclinedInvitation() {
            fixture.givenCommands(declineHandshake(INVITATION, RECIPIENT, T1));

            fixture.when(cancel(INVITATION, MANAGEMENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesASecondCancelAsAlreadyInState() {
            fixture.givenCommands(cancel(INVITATION, MANAGEMENT, T1));

            fixture.when(cancel(INVITATION, MANAGEMENT, T2))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesCancelingAnExpiredInvitation() {
            fixture.givenHandshake(INVITATION, new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "retention-0"));

            fixture.when(cancel(INVITATION, MANAGEMENT, EXPIRES_AT.plusSeconds(60)))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void checksTheRoleBeforeTheState() {
            fixture.givenCommands(cancel(INVITATION, MANAGEMENT, T1));

            fixture.when(cancel(INVITATION, RECIPIENT, T2))
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class CancelingTheEnableAllFeaturesRequest {
        @Test
        void cancelsARequestedParentWithItsApprovalsAndEndsTheMigration() {
            fixture.givenCommands(enableAllFeatures(T1));

            // the request took expiry-1, its approvals expiry-2 and -3
            fixture.when(cancel(PARENT, MANAGEMENT, T2))
                   .expectEvents(new HandshakeCanceledEvent(PARENT, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                                   T2, "handshake-retention-4"),
                           new HandshakeCanceledEvent(APPROVAL, null, CloseReason.ALL_FEATURES_REQUEST_CANCELED, T2,
                                   "handshake-retention-5"),
                           new HandshakeCanceledEvent(SECOND_APPROVAL, null,
                                   CloseReason.ALL_FEATURES_REQUEST_CANCELED, T2, "handshake-retention-6"),
                           new AllFeaturesMigrationEndedEvent(ORG, PARENT, T2));
        }

        @Test
        void cancelsTheExpiryOfTheRequestAndOfEachApproval() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(cancel(PARENT, MANAGEMENT, T2)).expectSuccess();

            assertThat(fixture.deadlines().scheduled()).extracting(Scheduled::id, Scheduled::payload)
                    .containsExactly(
                            tuple("handshake-retention-4", new RetentionDue(PARENT, T2.plus(RETENTION))),
                            tuple("handshake-retention-5", new RetentionDue(APPROVAL, T2.plus(RETENTION))),
                            tuple("handshake-retention-6", new RetentionDue(SECOND_APPROVAL, T2.plus(RETENTION))));
        }

        @Test
        void leavesAnsweredApprovalsAlone() {
            fixture.givenCommands(enableAllFeatures(T1), acceptHandshake(APPROVAL, MEMBER, T1),
                    declineHandshake(SECOND_APPROVAL, SECOND_MEMBER, T1));

            fixture.when(cancel(PARENT, MANAGEMENT, T2))
                   .expectEvents(new HandshakeCanceledEvent(PARENT, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                                   T2, "handshake-retention-6"),
                           new AllFeaturesMigrationEndedEvent(ORG, PARENT, T2));
        }

        @Test
        void cancelsARequestThatIsOpenForTheManagementAccount() {
            fixture.givenCommands(enableAllFeatures(SMALL_PROFILE, PARENT, T1));

            fixture.when(cancel(PARENT, SMALL_MANAGEMENT, T2))
                   .expectEvents(new HandshakeCanceledEvent(PARENT, SMALL_MANAGEMENT,
                                   CloseReason.CANCELED_BY_ORIGINATOR, T2, "handshake-retention-2"),
                           new AllFeaturesMigrationEndedEvent(SMALL_ORG, PARENT, T2));
        }

        @Test
        void closesItsApprovalsForTheirMembers() {
            fixture.givenCommands(enableAllFeatures(T1), cancel(PARENT, MANAGEMENT, T1));

            fixture.when(acceptHandshake(APPROVAL, MEMBER, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void cancelsARequestWhoseDeclinedApprovalWasDeletedAfterItsRetention() {
            Instant approvalDeleted = T1.plus(RETENTION);
            Instant later = approvalDeleted.plusSeconds(1);
            fixture.givenCommands(enableAllFeatures(T1),
                            declineHandshake(APPROVAL, MEMBER, T1))
                   .givenTimeAdvancedTo(approvalDeleted);

            fixture.when(cancel(PARENT, MANAGEMENT, later))
                   .expectEvents(new HandshakeCanceledEvent(PARENT, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                                   later, "handshake-retention-5"),
                           new HandshakeCanceledEvent(SECOND_APPROVAL, null,
                                   CloseReason.ALL_FEATURES_REQUEST_CANCELED, later, "handshake-retention-6"),
                           new AllFeaturesMigrationEndedEvent(ORG, PARENT, later));
        }

        @Test
        void refusesAMemberCancelingTheRequest() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(cancel(PARENT, MEMBER, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesASecondCancelAsAlreadyInState() {
            fixture.givenCommands(enableAllFeatures(T1), cancel(PARENT, MANAGEMENT, T1));

            fixture.when(cancel(PARENT, MANAGEMENT, T2))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesCancelingAnAcceptedRequest() {
            fixture.givenCommands(enableAllFeatures(SMALL_PROFILE, PARENT, T1),
                    acceptHandshake(PARENT, SMALL_MANAGEMENT, T1));

            fixture.when(cancel(PARENT, SMALL_MANAGEMENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesCancelingARequestAtItsExpirationTime() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(cancel(PARENT, MANAGEMENT, T1.plus(MIGRATION_LIFETIME)))
                   .expectException(InvalidHandshakeTransitionException.class);
        }
    }

    @Nested
    class CancelingAnApproval {
        @BeforeEach
        void setUp() {
            fixture.givenCommands(enableAllFeatures(T1));
        }

        @Test
        void refusesTheMemberCancelingItsApproval() {
            fixture.when(cancel(APPROVAL, MEMBER, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void cancelsAnApprovalForTheManagementAccountWhichSentIt() {
            fixture.when(cancel(APPROVAL, MANAGEMENT, T2))
                   .expectEvents(new HandshakeCanceledEvent(APPROVAL, MANAGEMENT, CloseReason.CANCELED_BY_ORIGINATOR,
                           T2, "handshake-retention-4"));
        }
    }

    private static CancelHandshakeCommand cancel(HandshakeId handshake, AccountId caller, Instant at) {
        return new CancelHandshakeCommand(handshake, caller, at);
    }}
