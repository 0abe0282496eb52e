package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.handshakeledger.domain.LedgerExamples.APPROVAL;
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
import static org.handshakeledger.domain.LedgerExamples.STRANGER;
import static org.handshakeledger.domain.LedgerExamples.T0;
import static org.handshakeledger.domain.LedgerExamples.T1;
import static org.handshakeledger.domain.LedgerExamples.T2;
import static org.handshakeledger.domain.LedgerExamples.acceptHandshake;
import static org.handshakeledger.domain.LedgerExamples.declineHandshake;
import static org.handshakeledger.domain.LedgerExamples.enableAllFeatures;
import static org.handshakeledger.domain.LedgerExamples.invite;
import static org.handshakeledger.domain.LedgerExamples.invited;
import static org.handshakeledger.domain.LedgerExamples.invitedByEmail;
import static org.handshakeledger.domain.LedgerExamples.joined;
import static org.handshakeledger.domain.LedgerExamples.reserved;
import static org.handshakeledger.domain.LedgerExamples.reservedForEmail;

import java.time.Instant;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.RecordingDeadlineManager.Scheduled;
import org.handshakeledger.domain.organization.InvitationReleasedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Declining a handshake: only its recipient may, and a declined invitation gives its slot in the organization back.
 * A declined approval leaves its enable-all-features request waiting (spec §7.2 step 5).
 */
class DeclineHandshakeTest {
    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganizationCreated(PROFILE, T0)
                .givenJoined(joined(ORG, MEMBER));
    }

    /** The invitation of {@code RECIPIENT} to {@code ORG}, sent at T0; its expiry is not scheduled here. */
    private void givenAnOpenInvitation() {
        fixture.givenOrganization(ORG, reserved(INVITATION, RECIPIENT, T0))
               .givenHandshake(INVITATION, invited(INVITATION, RECIPIENT, T0, "expiry-0"));
    }

    @Nested
    class DecliningAnInvitation {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void declinesAnOpenInvitationForTheInvitedAccountAndFreesItsSlot() {
            fixture.when(decline(RECIPIENT, T1))
                   .expectEvents(new HandshakeDeclinedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                           new InvitationReleasedEvent(ORG, INVITATION, T1));
        }

        @Test
        void cancelsTheExpiryAndSchedulesTheDeletionRetentionLater() {
            fixture.givenCommands(invite(OTHER_INVITATION, OTHER_RECIPIENT, T0));

            fixture.when(declineHandshake(OTHER_INVITATION, OTHER_RECIPIENT, T1))
                   .expectSuccess();

            assertThat(fixture.deadlines().scheduled())
                    .extracting(Scheduled::id, Scheduled::name, Scheduled::at, Scheduled::payload)
                    .containsExactly(tuple("handshake-retention-2", HandshakeDeadlines.RETENTION, T1.plus(RETENTION),
                            new RetentionDue(OTHER_INVITATION, T1.plus(RETENTION))));
        }

        @Test
        void declinesAnEmailInvitationForTheAccountWithThatEmailIgnoringCase() {
            fixture.givenOrganization(ORG, reservedForEmail(OTHER_INVITATION, "Someone@Example.com", T0))
                   .givenHandshake(OTHER_INVITATION, invitedByEmail(OTHER_INVITATION, "Someone@Example.com", T0,
                           "expiry-0"));

            fixture.when(new DeclineHandshakeCommand(OTHER_INVITATION, OTHER_RECIPIENT, "someone@EXAMPLE.com", T1))
                   .expectEvents(new HandshakeDeclinedEvent(OTHER_INVITATION, OTHER_RECIPIENT, T1,
                                   "handshake-retention-1"),
                           new InvitationReleasedEvent(ORG, OTHER_INVITATION, T1));
        }

        @Test
        void refusesTheManagementAccountDecliningAnInvitation() {
            fixture.when(decline(MANAGEMENT, T1))
                   .expectException(AccessDeniedException.class);
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void refusesAnAccountTheInvitationIsNotFor() {
            fixture.when(decline(STRANGER, T1))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void stillDeclinesOneMillisecondBeforeTheExpirationTime() {
            Instant justInTime = EXPIRES_AT.minusMillis(1);

            fixture.when(decline(RECIPIENT, justInTime))
                   .expectEvents(new HandshakeDeclinedEvent(INVITATION, RECIPIENT, justInTime,
                                   "handshake-retention-1"),
                           new InvitationReleasedEvent(ORG, INVITATION, justInTime));
        }

        @Test
        void seesTheInvitationExpiredAtItsExpirationTime() {
            fixture.when(decline(RECIPIENT, EXPIRES_AT))
                   .expectException(InvalidHandshakeTransitionException.class);
        }
    }

    @Nested
    class DecliningASettledInvitation {
        @BeforeEach
        void setUp() {
            givenAnOpenInvitation();
        }

        @Test
        void refusesDecliningAnAcceptedInvitation() {
            fixture.givenCommands(acceptHandshake(INVITATION, RECIPIENT, T1));

            fixture.when(decline(RECIPIENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesASecondDeclineAsAlreadyInState() {
            fixture.givenCommands(decline(RECIPIENT, T1));

            fixture.when(decline(RECIPIENT, T2))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesDecliningACanceledInvitation() {
            fixture.givenCommands(new CancelHandshakeCommand(INVITATION, MANAGEMENT, T1));

            fixture.when(decline(RECIPIENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesDecliningAnExpiredInvitation() {
            fixture.givenHandshake(INVITATION, new HandshakeExpiredEvent(INVITATION, EXPIRES_AT, "retention-0"));

            fixture.when(decline(RECIPIENT, EXPIRES_AT.plusSeconds(60)))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void checksTheRoleBeforeTheState() {
            fixture.givenCommands(decline(RECIPIENT, T1));

            fixture.when(decline(MANAGEMENT, T2))
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class DecliningAnApproval {
        @BeforeEach
        void setUp() {
            fixture.givenCommands(enableAllFeatures(T1));
        }

        @Test
        void declinesTheApprovalAndTouchesNothingElse() {
            // the request took expiry-1 and the approval expiry-2
            fixture.when(declineHandshake(APPROVAL, MEMBER, T2))
                   .expectEvents(new HandshakeDeclinedEvent(APPROVAL, MEMBER, T2, "handshake-retention-3"));
        }

        @Test
        void leavesTheRequestWaitingForTheManagementAccount() {
            fixture.givenCommands(declineHandshake(APPROVAL, MEMBER, T2));

            fixture.when(acceptHandshake(PARENT, MANAGEMENT, T2))
                   .expectException(InvalidHandshakeTransitionException.class);
        }

        @Test
        void refusesTheManagementAccountDecliningAnApproval() {
            fixture.when(declineHandshake(APPROVAL, MANAGEMENT, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesASecondDeclineAsAlreadyInState() {
            fixture.givenCommands(declineHandshake(APPROVAL, MEMBER, T2));

            fixture.when(declineHandshake(APPROVAL, MEMBER, T2.plusSeconds(60)))
                   .expectException(HandshakeAlreadyInStateException.class);
        }

        @Test
        void refusesTheManagementAccountDecliningTheRequest() {
            fixture.when(declineHandshake(PARENT, MANAGEMENT, T2))
                   .expectException(AccessDeniedException.class);
        }

        @Test
        void refusesAMemberDecliningTheRequest() {
            fixture.when(declineHandshake(PARENT, MEMBER, T2))
                   .expectException(AccessDeniedException.class);
        }
    }

    private static DeclineHandshakeCommand decline(AccountId caller, Instant at) {
        return declineHandshake(INVITATION, caller, at);
    }
}
