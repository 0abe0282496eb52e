package org.handshakeledger.domain.organization;

import static org.handshakeledger.domain.LedgerExamples.EXPIRES_AT;
import static org.handshakeledger.domain.LedgerExamples.INVITATION;
import static org.handshakeledger.domain.LedgerExamples.MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.MEMBER;
import static org.handshakeledger.domain.LedgerExamples.ORG;
import static org.handshakeledger.domain.LedgerExamples.OTHER_INVITATION;
import static org.handshakeledger.domain.LedgerExamples.OTHER_RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.PARENT;
import static org.handshakeledger.domain.LedgerExamples.PROFILE;
import static org.handshakeledger.domain.LedgerExamples.RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.RETENTION;
import static org.handshakeledger.domain.LedgerExamples.T0;
import static org.handshakeledger.domain.LedgerExamples.T1;
import static org.handshakeledger.domain.LedgerExamples.T2;
import static org.handshakeledger.domain.LedgerExamples.acceptHandshake;
import static org.handshakeledger.domain.LedgerExamples.declineHandshake;
import static org.handshakeledger.domain.LedgerExamples.enableAllFeatures;
import static org.handshakeledger.domain.LedgerExamples.invite;
import static org.handshakeledger.domain.LedgerExamples.joined;

import java.time.Duration;
import java.time.Instant;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.account.LeaveOrganizationCommand;
import org.handshakeledger.domain.handshake.CancelHandshakeCommand;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.InvalidHandshakeTransitionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The management account deleting its organization once it is the only member: every handshake still holding
 * something there (open invitations, a pending enable-all-features request) is closed, and the management account
 * is standalone again.
 */
class DeleteOrganizationTest {
    private static final AccountId THIRD_RECIPIENT = new AccountId("121212121212");
    private static final HandshakeId THIRD_INVITATION = new HandshakeId("h-invite000003");

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganizationCreated(PROFILE, T0);
    }

    @Nested
    class DeletingAnOrganization {
        @Test
        void deletesAnOrganizationWithOnlyItsManagementAccountAndReleasesIt() {
            fixture.when(delete(MANAGEMENT, T1))
                   .expectEvents(new AccountMembershipReleasedEvent(MANAGEMENT, ORG, T1),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, T1));
        }

        @Test
        void refusesAnOrganizationThatStillHasMembers() {
            givenAMember();

            fixture.when(delete(MANAGEMENT, T1))
                   .expectException(OrganizationNotEmptyException.class);
        }

        @Test
        void deletesOnceTheLastMemberLeft() {
            givenAMember();
            fixture.givenCommands(new LeaveOrganizationCommand(MEMBER, T1));

            fixture.when(delete(MANAGEMENT, T2))
                   .expectEvents(new AccountMembershipReleasedEvent(MANAGEMENT, ORG, T2),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, T2));
        }

        @Test
        void refusesAMemberAsAccessDeniedBeforeCheckingTheMembers() {
            givenAMember();

            fixture.when(delete(MEMBER, T1))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAnOrganizationDeletedBeforeAsNotInUse() {
            fixture.givenCommands(delete(MANAGEMENT, T1));

            fixture.when(delete(MANAGEMENT, T2))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void refusesInvitationsOnceDeleted() {
            fixture.givenCommands(delete(MANAGEMENT, T1));

            fixture.when(invite(INVITATION, RECIPIENT, T2))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }
    }

    @Nested
    class ClosingWhatTheOrganizationHeld {
        @Test
        void cancelsOpenInvitationsBeforeReleasingTheManagementAccount() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), invite(OTHER_INVITATION, OTHER_RECIPIENT, T0));

            fixture.when(delete(MANAGEMENT, T1))
                   .expectEvents(new HandshakeCanceledEvent(INVITATION, null, CloseReason.ORGANIZATION_DELETED, T1,
                                   "handshake-retention-3"),
                           new HandshakeCanceledEvent(OTHER_INVITATION, null, CloseReason.ORGANIZATION_DELETED, T1,
                                   "handshake-retention-4"),
                           new AccountMembershipReleasedEvent(MANAGEMENT, ORG, T1),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, T1));
        }

        @Test
        void leavesNothingOpenForItsRecipients() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), delete(MANAGEMENT, T1));

            fixture.when(acceptHandshake(INVITATION, RECIPIENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void recordsAnInvitationPastItsExpirationTimeAsExpiredNotCanceled() {
            Instant late = EXPIRES_AT.plus(Duration.ofDays(1));
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0));

            fixture.when(delete(MANAGEMENT, late))
                   .expectEvents(new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "handshake-retention-2"),
                           new AccountMembershipReleasedEvent(MANAGEMENT, ORG, late),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, late));
        }

        @Test
        void stillCancelsAnInvitationOneMillisecondBeforeItsExpirationTime() {
            Instant justInTime = EXPIRES_AT.minusMillis(1);
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0));

            fixture.when(delete(MANAGEMENT, justInTime))
                   .expectEvents(new HandshakeCanceledEvent(INVITATION, null, CloseReason.ORGANIZATION_DELETED,
                                   justInTime, "handshake-retention-2"),
                           new AccountMembershipReleasedEvent(MANAGEMENT, ORG, justInTime),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, justInTime));
        }

        @Test
        void leavesAnsweredAndExpiredInvitationsAlone() {
            Instant later = EXPIRES_AT.plus(Duration.ofHours(1));
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0), invite(OTHER_INVITATION, OTHER_RECIPIENT, T0),
                            invite(THIRD_INVITATION, THIRD_RECIPIENT, T0),
                            declineHandshake(INVITATION, RECIPIENT, T1),
                            new CancelHandshakeCommand(OTHER_INVITATION, MANAGEMENT, T1))
                   .givenTimeAdvancedTo(EXPIRES_AT);

            fixture.when(delete(MANAGEMENT, later))
                   .expectEvents(new AccountMembershipReleasedEvent(MANAGEMENT, ORG, later),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, later));
        }

        @Test
        void deletesAnOrganizationWhoseExpiredInvitationWasDeletedAfterItsRetention() {
            Instant invitationDeleted = EXPIRES_AT.plus(RETENTION);
            Instant later = invitationDeleted.plusSeconds(1);
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T0))
                   .givenTimeAdvancedTo(invitationDeleted);

            fixture.when(delete(MANAGEMENT, later))
                   .expectEvents(new AccountMembershipReleasedEvent(MANAGEMENT, ORG, later),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, later));
        }

        @Test
        void cancelsAPendingEnableAllFeaturesRequest() {
            givenAMember();
            fixture.givenCommands(enableAllFeatures(T0), new LeaveOrganizationCommand(MEMBER, T1));

            // the request and its approval took expiry-1 and -2, the approval's cancellation retention-3
            fixture.when(delete(MANAGEMENT, T2))
                   .expectEvents(new HandshakeCanceledEvent(PARENT, null, CloseReason.ORGANIZATION_DELETED, T2,
                                   "handshake-retention-4"),
                           new AccountMembershipReleasedEvent(MANAGEMENT, ORG, T2),
                           new OrganizationDeletedEvent(ORG, MANAGEMENT, T2));
        }
    }

    private void givenAMember() {
        fixture.givenJoined(joined(ORG, MEMBER));
    }

    private static DeleteOrganizationCommand delete(AccountId caller, Instant at) {
        return new DeleteOrganizationCommand(ORG, caller, at);
    }}
