package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.handshakeledger.domain.LedgerExamples.APPROVAL;
import static org.handshakeledger.domain.LedgerExamples.INVITATION;
import static org.handshakeledger.domain.LedgerExamples.INVITATION_LIFETIME;
import static org.handshakeledger.domain.LedgerExamples.LIMITS;
import static org.handshakeledger.domain.LedgerExamples.MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.MEMBER;
import static org.handshakeledger.domain.LedgerExamples.MIGRATION_LIFETIME;
import static org.handshakeledger.domain.LedgerExamples.NOTES;
import static org.handshakeledger.domain.LedgerExamples.ORG;
import static org.handshakeledger.domain.LedgerExamples.OTHER_INVITATION;
import static org.handshakeledger.domain.LedgerExamples.OTHER_MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.OTHER_ORG;
import static org.handshakeledger.domain.LedgerExamples.OTHER_PROFILE;
import static org.handshakeledger.domain.LedgerExamples.OTHER_RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.PARENT;
import static org.handshakeledger.domain.LedgerExamples.PROFILE;
import static org.handshakeledger.domain.LedgerExamples.RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.RECIPIENT_EMAIL;
import static org.handshakeledger.domain.LedgerExamples.RETENTION;
import static org.handshakeledger.domain.LedgerExamples.STRANGER;
import static org.handshakeledger.domain.LedgerExamples.T0;
import static org.handshakeledger.domain.LedgerExamples.T1;
import static org.handshakeledger.domain.LedgerExamples.T2;
import static org.handshakeledger.domain.LedgerExamples.TAGS;
import static org.handshakeledger.domain.LedgerExamples.THREE_ACCOUNTS;
import static org.handshakeledger.domain.LedgerExamples.acceptHandshake;
import static org.handshakeledger.domain.LedgerExamples.accountTarget;
import static org.handshakeledger.domain.LedgerExamples.declineHandshake;
import static org.handshakeledger.domain.LedgerExamples.enableAllFeatures;
import static org.handshakeledger.domain.LedgerExamples.invite;
import static org.handshakeledger.domain.LedgerExamples.invited;
import static org.handshakeledger.domain.LedgerExamples.joined;
import static org.handshakeledger.domain.LedgerExamples.reserved;
import static org.handshakeledger.domain.handshake.HandshakeConstraintViolationException.ACCOUNT_NUMBER_LIMIT_EXCEEDED;
import static org.handshakeledger.domain.handshake.HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION;
import static org.handshakeledger.domain.handshake.HandshakeConstraintViolationException.HANDSHAKE_RATE_LIMIT_EXCEEDED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.RecordingDeadlineManager.Scheduled;
import org.handshakeledger.domain.organization.InvitationLimits;
import org.handshakeledger.domain.organization.InvitationReleasedEvent;
import org.handshakeledger.domain.organization.InvitationReservedEvent;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationDeletedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Inviting an account: the organization checks the caller, the pending all-features migration, duplicates and both
 * quotas (spec §5.8) and reserves a slot, then the invitation opens. Quotas are proven against what earlier
 * invitations really did to the organization (canceled, declined, accepted, expired), not against given counters.
 */
class InviteAccountToOrganizationTest {
    private static final String INVITE_DISABLED =
            HandshakeConstraintViolationException.INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES;

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganizationCreated(PROFILE, T0)
                .givenJoined(joined(ORG, MEMBER));
    }

    @Nested
    class OpeningAnInvitation {
        @Test
        void reservesASlotThenOpensTheInvitationWithTheOrganizationsProfile() {
            fixture.when(invite(INVITATION, RECIPIENT, T1))
                   .expectEvents(reserved(INVITATION, RECIPIENT, T1),
                           invited(INVITATION, RECIPIENT, T1, "handshake-expiry-1"));
        }

        @Test
        void schedulesTheExpiryAtTheExpirationTime() {
            fixture.when(invite(INVITATION, RECIPIENT, T1)).expectSuccess();

            assertThat(fixture.deadlines().scheduled())
                    .extracting(Scheduled::id, Scheduled::name, Scheduled::payload)
                    .containsExactly(tuple("handshake-expiry-1", HandshakeDeadlines.EXPIRY,
                            new ExpiryDue(INVITATION, T1.plus(INVITATION_LIFETIME))));
        }

        @Test
        void reservesAnUnknownEmailTargetUnderItsLowerCasedAddress() {
            HandshakeParty target = new HandshakeParty("Someone@Example.com", PartyType.EMAIL);

            fixture.when(inviteTarget(INVITATION, target, null, T1))
                   .expectEvents(new InvitationReservedEvent(ORG, INVITATION, "email:someone@example.com", null, T1,
                                   T1.plus(INVITATION_LIFETIME)),
                           new AccountInvitedEvent(INVITATION, PROFILE, target, null, NOTES, TAGS, MANAGEMENT,
                                   T1, T1.plus(INVITATION_LIFETIME), RETENTION, "handshake-expiry-1"));
        }

        @Test
        void invitesAMemberOfAnotherOrganizationWhichMayMoveOnAccepting() {
            fixture.givenOrganizationCreated(OTHER_PROFILE, T0)
                   .givenJoined(joined(OTHER_ORG, RECIPIENT));

            fixture.when(invite(INVITATION, RECIPIENT, T1))
                   .expectEvents(reserved(INVITATION, RECIPIENT, T1),
                           invited(INVITATION, RECIPIENT, T1, "handshake-expiry-1"));
        }
    }

    @Nested
    class CheckingTheCaller {
        @Test
        void refusesAMemberAsAccessDenied() {
            fixture.when(inviteAs(MEMBER, INVITATION, RECIPIENT, T1))
                   .expectException(AccessDeniedException.class);
            assertThat(fixture.deadlines().scheduled()).isEmpty();
        }

        @Test
        void refusesAnAccountOutsideTheOrganizationAsNotInUse() {
            fixture.when(inviteAs(STRANGER, INVITATION, RECIPIENT, T1))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void refusesAnOrganizationTheLedgerDoesNotKnowAsNotInUse() {
            fixture.when(new InviteAccountToOrganizationCommand(INVITATION, OTHER_ORG, OTHER_MANAGEMENT,
                           accountTarget(RECIPIENT), RECIPIENT, null, List.of(), T1, T1.plus(INVITATION_LIFETIME),
                           RETENTION, LIMITS))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void refusesADeletedOrganizationAsNotInUse() {
            fixture.givenOrganization(OTHER_ORG, new OrganizationCreatedEvent(OTHER_PROFILE, T0),
                    new OrganizationDeletedEvent(OTHER_ORG, OTHER_MANAGEMENT, T0.plusSeconds(60)));

            fixture.when(new InviteAccountToOrganizationCommand(INVITATION, OTHER_ORG, OTHER_MANAGEMENT,
                           accountTarget(RECIPIENT), RECIPIENT, null, List.of(), T1, T1.plus(INVITATION_LIFETIME),
                           RETENTION, LIMITS))
                   .expectException(AwsOrganizationsNotInUseException.class);
        }

        @Test
        void checksTheRoleBeforeAnyConstraint() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(inviteAs(MEMBER, INVITATION, MEMBER, T2))
                   .expectException(AccessDeniedException.class);
        }
    }

    @Nested
    class WhileAllFeaturesAreBeingEnabled {
        @Test
        void refusesInvitations() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(invite(INVITATION, RECIPIENT, T2))
                   .expectException(HandshakeConstraintViolationException.class, INVITE_DISABLED);
        }

        @Test
        void reportsThePendingMigrationBeforeAnyOtherConstraint() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(invite(INVITATION, MEMBER, T2))
                   .expectException(HandshakeConstraintViolationException.class, INVITE_DISABLED);
        }

        @Test
        void allowsInvitationsAgainOnceTheRequestWasCanceled() {
            fixture.givenCommands(enableAllFeatures(T1), new CancelHandshakeCommand(PARENT, MANAGEMENT, T1));

            // the request and MEMBER's approval took expiry-1 and -2, their cancellation retention-3 and -4
            fixture.when(invite(INVITATION, RECIPIENT, T2))
                   .expectEvents(reserved(INVITATION, RECIPIENT, T2),
                           invited(INVITATION, RECIPIENT, T2, "handshake-expiry-5"));
        }

        @Test
        void allowsInvitationsAgainOnceTheRequestExpiredEvenBeforeItsDeadlineFired() {
            Instant expired = T1.plus(MIGRATION_LIFETIME);
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(invite(INVITATION, RECIPIENT, expired))
                   .expectEvents(reserved(INVITATION, RECIPIENT, expired),
                           invited(INVITATION, RECIPIENT, expired, "handshake-expiry-3"));
        }

        @Test
        void stillRefusesInvitationsOneMillisecondBeforeTheRequestExpires() {
            fixture.givenCommands(enableAllFeatures(T1));

            fixture.when(invite(INVITATION, RECIPIENT, T1.plus(MIGRATION_LIFETIME).minusMillis(1)))
                   .expectException(HandshakeConstraintViolationException.class, INVITE_DISABLED);
        }

        @Test
        void allowsInvitationsAgainOnceAllFeaturesAreEnabled() {
            fixture.givenCommands(enableAllFeatures(T1), acceptHandshake(APPROVAL, MEMBER, T1),
                    acceptHandshake(PARENT, MANAGEMENT, T1));

            fixture.when(invite(INVITATION, RECIPIENT, T2))
                   .expectEvents(reserved(INVITATION, RECIPIENT, T2),
                           new AccountInvitedEvent(INVITATION, PROFILE.withFeatureSet(FeatureSet.ALL),
                                   accountTarget(RECIPIENT), RECIPIENT, NOTES, TAGS, MANAGEMENT, T2,
                                   T2.plus(INVITATION_LIFETIME), RETENTION, "handshake-expiry-5"));
        }
    }

    @Nested
    class RefusingDuplicates {
        @Test
        void refusesInvitingAMemberOfThisOrganization() {
            fixture.when(invite(INVITATION, MEMBER, T1))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_IN_AN_ORGANIZATION);
        }

        @Test
        void refusesInvitingTheManagementAccount() {
            fixture.when(invite(INVITATION, MANAGEMENT, T1))
                   .expectException(HandshakeConstraintViolationException.class, ALREADY_IN_AN_ORGANIZATION);
        }

        @Test
        void refusesASecondOpenInvitationToTheSameAccount() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1));

            fixture.when(invite(OTHER_INVITATION, RECIPIENT, T2))
                   .expectException(DuplicateHandshakeException.class);
        }

        @Test
        void refusesAnEmailInvitationToAnAccountAlreadyInvitedByItsId() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1));

            fixture.when(inviteTarget(OTHER_INVITATION, new HandshakeParty(RECIPIENT_EMAIL, PartyType.EMAIL),
                           RECIPIENT, T2))
                   .expectException(DuplicateHandshakeException.class);
        }

        @Test
        void refusesAnInvitationByIdToAnAccountAlreadyInvitedByItsEmail() {
            fixture.givenCommands(inviteTarget(INVITATION, new HandshakeParty(RECIPIENT_EMAIL, PartyType.EMAIL),
                    RECIPIENT, T1));

            fixture.when(invite(OTHER_INVITATION, RECIPIENT, T2))
                   .expectException(DuplicateHandshakeException.class);
        }

        @Test
        void refusesASecondOpenInvitationToTheSameUnknownEmailIgnoringCase() {
            fixture.givenCommands(inviteTarget(INVITATION, new HandshakeParty("someone@example.com",
                    PartyType.EMAIL), null, T1));

            fixture.when(inviteTarget(OTHER_INVITATION, new HandshakeParty("SomeOne@EXAMPLE.com", PartyType.EMAIL),
                           null, T2))
                   .expectException(DuplicateHandshakeException.class);
        }

        @Test
        void allowsTheSameAccountAgainOnceTheInvitationWasCanceled() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1),
                    new CancelHandshakeCommand(INVITATION, MANAGEMENT, T1.plusSeconds(60)));

            fixture.when(invite(OTHER_INVITATION, RECIPIENT, T2))
                   .expectEvents(reserved(OTHER_INVITATION, RECIPIENT, T2),
                           invited(OTHER_INVITATION, RECIPIENT, T2, "handshake-expiry-3"));
        }

        @Test
        void allowsTheSameAccountAgainOnceTheInvitationWasDeclined() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1),
                    declineHandshake(INVITATION, RECIPIENT, T1.plusSeconds(60)));

            fixture.when(invite(OTHER_INVITATION, RECIPIENT, T2))
                   .expectEvents(reserved(OTHER_INVITATION, RECIPIENT, T2),
                           invited(OTHER_INVITATION, RECIPIENT, T2, "handshake-expiry-3"));
        }

        @Test
        void allowsTheSameAccountAgainOnceTheInvitationExpiredEvenBeforeItsDeadlineFired() {
            Instant expired = T1.plus(INVITATION_LIFETIME);
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1));

            fixture.when(invite(OTHER_INVITATION, RECIPIENT, expired))
                   .expectEvents(reserved(OTHER_INVITATION, RECIPIENT, expired),
                           invited(OTHER_INVITATION, RECIPIENT, expired, "handshake-expiry-2"));
        }
    }

    @Nested
    class CountingAccountsAgainstTheLimit {
        @Test
        void grantsTheLastFreeAccountSlot() {
            fixture.when(invite(INVITATION, RECIPIENT, T1, THREE_ACCOUNTS))
                   .expectEvents(reserved(INVITATION, RECIPIENT, T1),
                           invited(INVITATION, RECIPIENT, T1, "handshake-expiry-1"));
        }

        @Test
        void countsMembersAndOpenInvitationsAgainstTheAccountLimit() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1, THREE_ACCOUNTS));

            fixture.when(invite(OTHER_INVITATION, OTHER_RECIPIENT, T2, THREE_ACCOUNTS))
                   .expectException(HandshakeConstraintViolationException.class, ACCOUNT_NUMBER_LIMIT_EXCEEDED);
        }

        @Test
        void countsAnOpenInvitationToAnUnknownEmail() {
            fixture.givenCommands(inviteTarget(INVITATION, new HandshakeParty("someone@example.com",
                    PartyType.EMAIL), null, T1));

            fixture.when(invite(OTHER_INVITATION, OTHER_RECIPIENT, T2, THREE_ACCOUNTS))
                   .expectException(HandshakeConstraintViolationException.class, ACCOUNT_NUMBER_LIMIT_EXCEEDED);
        }

        @Test
        void countsTheAccountThatAcceptedAsAMember() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1, THREE_ACCOUNTS),
                    acceptHandshake(INVITATION, RECIPIENT, T1.plusSeconds(60)));

            fixture.when(invite(OTHER_INVITATION, OTHER_RECIPIENT, T2, THREE_ACCOUNTS))
                   .expectException(HandshakeConstraintViolationException.class, ACCOUNT_NUMBER_LIMIT_EXCEEDED);
        }

        @Test
        void freesTheSlotWhenAnInvitationIsCanceled() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1, THREE_ACCOUNTS),
                    new CancelHandshakeCommand(INVITATION, MANAGEMENT, T1.plusSeconds(60)));

            fixture.when(invite(OTHER_INVITATION, OTHER_RECIPIENT, T2, THREE_ACCOUNTS))
                   .expectEvents(reserved(OTHER_INVITATION, OTHER_RECIPIENT, T2),
                           invited(OTHER_INVITATION, OTHER_RECIPIENT, T2, "handshake-expiry-3"));
        }

        @Test
        void freesTheSlotWhenAnInvitationIsDeclined() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1, THREE_ACCOUNTS),
                    declineHandshake(INVITATION, RECIPIENT, T1.plusSeconds(60)));

            fixture.when(invite(OTHER_INVITATION, OTHER_RECIPIENT, T2, THREE_ACCOUNTS))
                   .expectEvents(reserved(OTHER_INVITATION, OTHER_RECIPIENT, T2),
                           invited(OTHER_INVITATION, OTHER_RECIPIENT, T2, "handshake-expiry-3"));
        }

        @Test
        void freesTheSlotWhenAnInvitationExpiresEvenBeforeItsDeadlineFired() {
            Instant expired = T1.plus(INVITATION_LIFETIME);
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1, THREE_ACCOUNTS));

            fixture.when(invite(OTHER_INVITATION, OTHER_RECIPIENT, expired, THREE_ACCOUNTS))
                   .expectEvents(reserved(OTHER_INVITATION, OTHER_RECIPIENT, expired),
                           invited(OTHER_INVITATION, OTHER_RECIPIENT, expired, "handshake-expiry-2"));
        }

        @Test
        void keepsTheSlotOneMillisecondBeforeTheInvitationExpires() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1, THREE_ACCOUNTS));

            fixture.when(invite(OTHER_INVITATION, OTHER_RECIPIENT, T1.plus(INVITATION_LIFETIME).minusMillis(1),
                           THREE_ACCOUNTS))
                   .expectException(HandshakeConstraintViolationException.class, ACCOUNT_NUMBER_LIMIT_EXCEEDED);
        }

        @Test
        void freesTheSlotsOfInvitationsCanceledWhenAllFeaturesWereRequested() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1, THREE_ACCOUNTS), enableAllFeatures(T1),
                    new CancelHandshakeCommand(PARENT, MANAGEMENT, T1.plusSeconds(60)));

            fixture.when(invite(OTHER_INVITATION, OTHER_RECIPIENT, T2, THREE_ACCOUNTS))
                   .expectSuccess();
        }

        @Test
        void reportsADuplicateBeforeTheAccountLimit() {
            fixture.givenCommands(invite(INVITATION, RECIPIENT, T1, THREE_ACCOUNTS));

            fixture.when(invite(OTHER_INVITATION, RECIPIENT, T2, THREE_ACCOUNTS))
                   .expectException(DuplicateHandshakeException.class);
        }
    }

    @Nested
    class CountingAttemptsAgainstTheDailyLimit {
        @Test
        void allowsTheLastAttemptOfTheDay() {
            fixture.givenOrganization(ORG, canceledAttempts(19));

            fixture.when(invite(INVITATION, RECIPIENT, T2))
                   .expectEvents(reserved(INVITATION, RECIPIENT, T2),
                           invited(INVITATION, RECIPIENT, T2, "handshake-expiry-1"));
        }

        @Test
        void countsCanceledAttemptsAgainstTheDailyLimit() {
            fixture.givenOrganization(ORG, canceledAttempts(20));

            fixture.when(invite(INVITATION, RECIPIENT, T2))
                   .expectException(HandshakeConstraintViolationException.class, HANDSHAKE_RATE_LIMIT_EXCEEDED);
        }

        @Test
        void countsDeclinedAndCanceledInvitationsAgainstTheDailyLimit() {
            fixture.givenOrganization(ORG, canceledAttempts(18))
                   .givenCommands(invite(INVITATION, RECIPIENT, T1.plus(Duration.ofMinutes(1))),
                           declineHandshake(INVITATION, RECIPIENT, T1.plus(Duration.ofMinutes(2))),
                           invite(OTHER_INVITATION, OTHER_RECIPIENT, T1.plus(Duration.ofMinutes(3))),
                           new CancelHandshakeCommand(OTHER_INVITATION, MANAGEMENT, T1.plus(Duration.ofMinutes(4))));

            fixture.when(invite(invitation(3), STRANGER, T2))
                   .expectException(HandshakeConstraintViolationException.class, HANDSHAKE_RATE_LIMIT_EXCEEDED);
        }

        @Test
        void doesNotCountAcceptedInvitationsAgainstTheDailyLimit() {
            fixture.givenOrganization(ORG, canceledAttempts(19))
                   .givenCommands(invite(OTHER_INVITATION, OTHER_RECIPIENT, T1.plus(Duration.ofMinutes(1))),
                           acceptHandshake(OTHER_INVITATION, OTHER_RECIPIENT, T1.plus(Duration.ofMinutes(2))));

            fixture.when(invite(INVITATION, RECIPIENT, T2))
                   .expectSuccess();
        }

        @Test
        void allowsInvitingAgain24HoursAfterTheFirstAttempt() {
            Instant dayLater = T1.plus(Duration.ofHours(24));
            fixture.givenOrganization(ORG, canceledAttempts(20));

            fixture.when(invite(INVITATION, RECIPIENT, dayLater))
                   .expectEvents(reserved(INVITATION, RECIPIENT, dayLater),
                           invited(INVITATION, RECIPIENT, dayLater, "handshake-expiry-1"));
        }

        @Test
        void stillRefusesOneMillisecondBefore24HoursHavePassed() {
            fixture.givenOrganization(ORG, canceledAttempts(20));

            fixture.when(invite(INVITATION, RECIPIENT, T1.plus(Duration.ofHours(24)).minusMillis(1)))
                   .expectException(HandshakeConstraintViolationException.class, HANDSHAKE_RATE_LIMIT_EXCEEDED);
        }

        @Test
        void allowsAsManyDailyAttemptsAsTheAccountLimitWhenThatIsLarger() {
            fixture.givenOrganization(ORG, canceledAttempts(20));

            fixture.when(invite(INVITATION, RECIPIENT, T2, new InvitationLimits(25, 20)))
                   .expectSuccess();
        }

        @Test
        void refusesTheAttemptAfterTheAccountLimitWhenThatIsLarger() {
            fixture.givenOrganization(ORG, canceledAttempts(25));

            fixture.when(invite(INVITATION, RECIPIENT, T2, new InvitationLimits(25, 20)))
                   .expectException(HandshakeConstraintViolationException.class, HANDSHAKE_RATE_LIMIT_EXCEEDED);
        }

        @Test
        void reportsTheAccountLimitBeforeTheDailyLimit() {
            fixture.givenOrganization(ORG, canceledAttempts(20));

            fixture.when(invite(INVITATION, RECIPIENT, T2, new InvitationLimits(2, 20)))
                   .expectException(HandshakeConstraintViolationException.class, ACCOUNT_NUMBER_LIMIT_EXCEEDED);
        }
    }

    private static HandshakeId invitation(int number) {
        return new HandshakeId(String.format("h-invite%06d", number));
    }

    private static InviteAccountToOrganizationCommand inviteAs(AccountId caller, HandshakeId id, AccountId recipient,
                                                               Instant at) {
        return new InviteAccountToOrganizationCommand(id, ORG, caller, accountTarget(recipient), recipient,
                NOTES, TAGS, at, at.plus(INVITATION_LIFETIME), RETENTION, LIMITS);
    }

    private static InviteAccountToOrganizationCommand inviteTarget(HandshakeId id, HandshakeParty target,
                                                                   AccountId resolvedTo, Instant at) {
        return new InviteAccountToOrganizationCommand(id, ORG, MANAGEMENT, target, resolvedTo, NOTES, TAGS, at,
                at.plus(INVITATION_LIFETIME), RETENTION, LIMITS);
    }

    /**
     * What {@code count} invitations sent from T1 on, a second apart and each canceled half a second later, left in
     * the organization (their handshakes play no part in the next invitation).
     */
    private static Object[] canceledAttempts(int count) {
        List<Object> history = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HandshakeId handshake = invitation(100 + i);
            AccountId recipient = new AccountId(String.valueOf(700_000_000_000L + i));
            Instant at = T1.plusSeconds(i);
            history.add(reserved(handshake, recipient, at));
            history.add(new InvitationReleasedEvent(ORG, handshake, at.plusMillis(500)));
        }
        return history.toArray();
    }
}
