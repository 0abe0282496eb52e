package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountJoinedMethod;
import software.amazon.awssdk.services.organizations.model.ActionType;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeParty;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.InvalidHandshakeTransitionException;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.Tag;

/** Spec §9 cases 30–35: the happy paths of an invitation, and that every change is visible right away. */
class HandshakeLifecycleIT extends HandshakeITSupport {

    @Test
    void sentInvitationIsOpenInDescribeAndBothListsRightAway() {
        // given
        String m = fresh();
        String a = fresh();
        String organization = consolidatedBillingOrganization(m);

        // when
        Handshake invitation = inviteAccount(m, a);

        // then
        assertThat(invitation.state()).isEqualTo(HandshakeState.OPEN);
        assertThat(invitation.action()).isEqualTo(ActionType.INVITE);
        assertThat(invitation.parties()).containsExactly(
                HandshakeParty.builder().id(organization).type(HandshakePartyType.ORGANIZATION).build(),
                HandshakeParty.builder().id(a).type(HandshakePartyType.ACCOUNT).build());
        assertSeenEverywhereAs(invitation.id(), HandshakeState.OPEN, a, m);
    }

    @Test
    void acceptingAnInvitationMakesTheAccountAnInvitedMemberJoinedNow() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);
        Instant before = Instant.now();

        // when
        Handshake accepted = accept(a, invitation.id());

        // then
        Instant after = Instant.now();
        assertThat(accepted.state()).isEqualTo(HandshakeState.ACCEPTED);
        assertThat(accepted.id()).isEqualTo(invitation.id());
        assertSeenEverywhereAs(invitation.id(), HandshakeState.ACCEPTED, a, m);
        assertThat(accountsOf(m)).filteredOn(account -> account.id().equals(a)).singleElement()
                .satisfies(account -> {
                    assertThat(account.joinedMethod()).isEqualTo(AccountJoinedMethod.INVITED);
                    assertThat(account.joinedTimestamp()).isBetween(before.minusSeconds(1), after.plusSeconds(1));
                    assertThat(account.email()).isEqualTo(LedgerActors.email(a));
                });
    }

    @Test
    void newMemberDescribesTheOrganizationItJoined() {
        // given
        String m = fresh();
        String a = fresh();
        String organization = consolidatedBillingOrganization(m);
        accept(a, inviteAccount(m, a).id());

        // when
        Organization described = as(a).describeOrganization().organization();

        // then
        assertThat(described.id()).isEqualTo(organization);
        assertThat(described.masterAccountId()).isEqualTo(m);
        assertThat(described.featureSet()).isEqualTo(OrganizationFeatureSet.CONSOLIDATED_BILLING);
    }

    @Test
    void invitationTagsAreAttachedToTheAccountWhenItAccepts() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a, Tag.builder().key("env").value("dev").build());

        // when
        accept(a, invitation.id());

        // then
        assertThat(as(m).listTagsForResource(r -> r.resourceId(a)).tags())
                .containsExactly(Tag.builder().key("env").value("dev").build());
    }

    @Test
    void decliningLeavesTheAccountStandalone() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);

        // when
        Handshake declined = decline(a, invitation.id());

        // then
        assertThat(declined.state()).isEqualTo(HandshakeState.DECLINED);
        assertSeenEverywhereAs(invitation.id(), HandshakeState.DECLINED, a, m);
        failureOf(AwsOrganizationsNotInUseException.class, () -> as(a).describeOrganization());
        assertThat(accountIdsOf(m)).containsExactly(m);
    }

    @Test
    void canceledInvitationCanNoLongerBeAccepted() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);

        // when
        Handshake canceled = cancel(m, invitation.id());

        // then
        assertThat(canceled.state()).isEqualTo(HandshakeState.CANCELED);
        assertSeenEverywhereAs(invitation.id(), HandshakeState.CANCELED, a, m);
        failureOf(InvalidHandshakeTransitionException.class, () -> accept(a, invitation.id()));
        assertThat(describe(m, invitation.id()).state()).isEqualTo(HandshakeState.CANCELED);
        failureOf(AwsOrganizationsNotInUseException.class, () -> as(a).describeOrganization());
        assertThat(accountIdsOf(m)).containsExactly(m);
    }

    @Test
    void emailTargetedInvitationIsAcceptedByTheAccountWithThatEmail() {
        // given
        String m = fresh();
        String a = fresh();
        String organization = consolidatedBillingOrganization(m);
        Handshake invitation = inviteEmail(m, LedgerActors.email(a));
        assertThat(invitation.parties()).contains(
                HandshakeParty.builder().id(LedgerActors.email(a)).type(HandshakePartyType.EMAIL).build());
        assertSeenEverywhereAs(invitation.id(), HandshakeState.OPEN, a, m);

        // when
        Handshake accepted = accept(a, invitation.id());

        // then
        assertThat(accepted.state()).isEqualTo(HandshakeState.ACCEPTED);
        assertSeenEverywhereAs(invitation.id(), HandshakeState.ACCEPTED, a, m);
        assertThat(accountsOf(m)).extracting(Account::id).containsExactlyInAnyOrder(m, a);
        assertThat(as(a).describeOrganization().organization().id()).isEqualTo(organization);
    }
}
