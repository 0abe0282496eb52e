package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeAlreadyInStateException;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.InvalidHandshakeTransitionException;

/** Spec §9 cases 44–50 (§5.4): answering a settled handshake fails loudly, never with a silent 200. */
class RepeatedCallsIT extends HandshakeITSupport {

    @Test
    void acceptingAnAcceptedInvitationAgainIsAlreadyInState() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);
        accept(a, invitation.id());

        // when
        failureOf(HandshakeAlreadyInStateException.class, () -> accept(a, invitation.id()));

        // then
        assertSeenEverywhereAs(invitation.id(), HandshakeState.ACCEPTED, a, m);
        assertThat(accountIdsOf(m)).containsExactlyInAnyOrder(m, a);
    }

    @Test
    void cancelingAnAcceptedInvitationIsAnInvalidTransition() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);
        accept(a, invitation.id());

        // when
        failureOf(InvalidHandshakeTransitionException.class, () -> cancel(m, invitation.id()));

        // then
        assertSeenEverywhereAs(invitation.id(), HandshakeState.ACCEPTED, a, m);
        assertThat(accountIdsOf(m)).containsExactlyInAnyOrder(m, a);
    }

    @Test
    void acceptingADeclinedInvitationIsAnInvalidTransition() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);
        decline(a, invitation.id());

        // when
        failureOf(InvalidHandshakeTransitionException.class, () -> accept(a, invitation.id()));

        // then
        assertSeenEverywhereAs(invitation.id(), HandshakeState.DECLINED, a, m);
        failureOf(AwsOrganizationsNotInUseException.class, () -> as(a).describeOrganization());
    }

    @Test
    void decliningADeclinedInvitationAgainIsAlreadyInState() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);
        decline(a, invitation.id());

        // when
        failureOf(HandshakeAlreadyInStateException.class, () -> decline(a, invitation.id()));

        // then
        assertSeenEverywhereAs(invitation.id(), HandshakeState.DECLINED, a, m);
    }

    @Test
    void cancelingACanceledInvitationAgainIsAlreadyInState() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);
        cancel(m, invitation.id());

        // when
        failureOf(HandshakeAlreadyInStateException.class, () -> cancel(m, invitation.id()));

        // then
        assertSeenEverywhereAs(invitation.id(), HandshakeState.CANCELED, a, m);
    }

    @Test
    void decliningACanceledInvitationIsAnInvalidTransition() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);
        cancel(m, invitation.id());

        // when
        failureOf(InvalidHandshakeTransitionException.class, () -> decline(a, invitation.id()));

        // then
        assertSeenEverywhereAs(invitation.id(), HandshakeState.CANCELED, a, m);
    }

    /** Case 50 needs invitations that expire within the test: a context of its own with a two-second lifetime. */
    @Nested
    @TestPropertySource(properties = "ledger.handshake.invite-expiry=PT2S")
    class WhenInvitationsExpireAfterTwoSeconds extends HandshakeITSupport {
        private static final Duration PATIENCE = Duration.ofSeconds(15);

        @Test
        void answeringAnExpiredInvitationIsAnInvalidTransitionForEveryone() {
            // given
            String m = fresh();
            String a = fresh();
            consolidatedBillingOrganization(m);
            Handshake invitation = inviteAccount(m, a);
            assertThat(Duration.between(invitation.requestedTimestamp(), invitation.expirationTimestamp()))
                    .isEqualTo(Duration.ofSeconds(2));
            awaitState(m, invitation.id(), HandshakeState.EXPIRED);

            // when
            InvalidHandshakeTransitionException accept = failureOf(InvalidHandshakeTransitionException.class,
                    () -> accept(a, invitation.id()));
            InvalidHandshakeTransitionException decline = failureOf(InvalidHandshakeTransitionException.class,
                    () -> decline(a, invitation.id()));
            InvalidHandshakeTransitionException cancel = failureOf(InvalidHandshakeTransitionException.class,
                    () -> cancel(m, invitation.id()));

            // then
            assertThat(List.of(accept, decline, cancel)).extracting(e -> e.awsErrorDetails().errorCode())
                    .containsOnly("InvalidHandshakeTransitionException");
            assertSeenEverywhereAs(invitation.id(), HandshakeState.EXPIRED, a, m);
            assertThat(describe(m, invitation.id()).expirationTimestamp())
                    .isEqualTo(invitation.expirationTimestamp());
            failureOf(AwsOrganizationsNotInUseException.class, () -> as(a).describeOrganization());
            assertThat(accountIdsOf(m)).containsExactly(m);
        }

        @Test
        void invitationIsOpenUntilItsExpirationTime() {
            // given
            String m = fresh();
            String a = fresh();
            consolidatedBillingOrganization(m);

            // when
            Handshake invitation = inviteAccount(m, a);

            // then
            assertThat(describe(a, invitation.id()).state()).isEqualTo(HandshakeState.OPEN);
            awaitState(m, invitation.id(), HandshakeState.EXPIRED);
            assertThat(Instant.now()).isAfterOrEqualTo(invitation.expirationTimestamp());
        }

        private void awaitState(String caller, String handshakeId, HandshakeState expected) {
            Instant giveUp = Instant.now().plus(PATIENCE);
            HandshakeState state = describe(caller, handshakeId).state();
            while (state != expected && Instant.now().isBefore(giveUp)) {
                sleep(Duration.ofMillis(100));
                state = describe(caller, handshakeId).state();
            }
            assertThat(state).as("state of %s after waiting up to %s", handshakeId, PATIENCE).isEqualTo(expected);
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
