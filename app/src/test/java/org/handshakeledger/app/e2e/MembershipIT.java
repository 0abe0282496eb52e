package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.ActionType;
import software.amazon.awssdk.services.organizations.model.AlreadyInOrganizationException;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.InvalidHandshakeTransitionException;
import software.amazon.awssdk.services.organizations.model.MasterCannotLeaveOrganizationException;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.OrganizationNotEmptyException;

/**
 * Spec §9 cases 87–89 (§5.6) and the supporting organization operations: moving between organizations, leaving,
 * removal, deletion and creating an organization twice.
 */
class MembershipIT extends HandshakeITSupport {

    @Test
    void memberOfAnotherOrganizationMovesWhenItAccepts() {
        // given
        String m = fresh();
        String x = fresh();
        String y = fresh();
        String organization = consolidatedBillingOrganization(m);
        organizationWithMember(x, y, OrganizationFeatureSet.ALL);
        Handshake invitation = inviteAccount(m, y);

        // when
        Handshake accepted = accept(y, invitation.id());

        // then
        assertThat(accepted.state()).isEqualTo(HandshakeState.ACCEPTED);
        assertThat(accountIdsOf(m)).containsExactlyInAnyOrder(m, y);
        assertThat(accountIdsOf(x)).containsExactly(x);
        assertThat(as(y).describeOrganization().organization().id()).isEqualTo(organization);
        assertSeenEverywhereAs(invitation.id(), HandshakeState.ACCEPTED, y, m);
    }

    @Test
    void managementAccountOfAnotherOrganizationCannotAcceptAndDoesNotSeeTheInvitation() {
        // given
        String m = fresh();
        String x = fresh();
        consolidatedBillingOrganization(m);
        String other = consolidatedBillingOrganization(x);
        Handshake invitation = inviteAccount(m, x);

        // when
        MasterCannotLeaveOrganizationException refused = failureOf(MasterCannotLeaveOrganizationException.class,
                () -> accept(x, invitation.id()));

        // then
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("MasterCannotLeaveOrganizationException");
        assertThat(receivedBy(x)).extracting(Handshake::id).doesNotContain(invitation.id());
        assertThat(describe(m, invitation.id()).state()).isEqualTo(HandshakeState.OPEN);
        assertThat(as(x).describeOrganization().organization().id()).isEqualTo(other);
        assertThat(accountIdsOf(m)).containsExactly(m);
        assertThat(accountIdsOf(x)).containsExactly(x);
    }

    @Test
    void managementAccountThatDeletedItsOrganizationSeesAndAcceptsTheInvitation() {
        // given
        String m = fresh();
        String x = fresh();
        String organization = consolidatedBillingOrganization(m);
        consolidatedBillingOrganization(x);
        Handshake invitation = inviteAccount(m, x);
        assertThat(receivedBy(x)).extracting(Handshake::id).doesNotContain(invitation.id());

        // when
        as(x).deleteOrganization();

        // then
        assertThat(find(receivedBy(x), invitation.id())).hasValueSatisfying(h ->
                assertThat(h.state()).isEqualTo(HandshakeState.OPEN));
        assertThat(accept(x, invitation.id()).state()).isEqualTo(HandshakeState.ACCEPTED);
        assertThat(as(x).describeOrganization().organization().id()).isEqualTo(organization);
        assertThat(accountIdsOf(m)).containsExactlyInAnyOrder(m, x);
    }

    @Test
    void memberMovingAwayWithdrawsItsPendingApprovalFromItsOldOrganization() {
        // given
        String m = fresh();
        String x = fresh();
        String y = fresh();
        consolidatedBillingOrganization(m);
        organizationWithMember(x, y, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake parent = as(x).enableAllFeatures(r -> { }).handshake();
        Handshake approval = as(y).listHandshakesForAccount(r -> r.filter(f -> f
                .actionType(ActionType.APPROVE_ALL_FEATURES))).handshakes().get(0);
        Handshake invitation = inviteAccount(m, y);

        // when
        accept(y, invitation.id());

        // then
        assertThat(accountIdsOf(x)).containsExactly(x);
        assertThat(describe(x, approval.id()).state()).isEqualTo(HandshakeState.CANCELED);
        assertThat(describe(x, parent.id()).state()).isEqualTo(HandshakeState.OPEN);
    }

    @Test
    void deletingAnOrganizationCancelsItsOpenInvitations() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);

        // when
        as(m).deleteOrganization();

        // then
        assertThat(describe(a, invitation.id()).state()).isEqualTo(HandshakeState.CANCELED);
        assertThat(find(receivedBy(a), invitation.id())).hasValueSatisfying(h ->
                assertThat(h.state()).isEqualTo(HandshakeState.CANCELED));
        failureOf(InvalidHandshakeTransitionException.class, () -> accept(a, invitation.id()));
        failureOf(AwsOrganizationsNotInUseException.class, () -> as(a).describeOrganization());
    }

    @Test
    void accountThatLeftStillShowsItsAcceptedInvitationToTheManagementAccount() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);
        accept(a, invitation.id());

        // when
        as(a).leaveOrganization();

        // then
        failureOf(AwsOrganizationsNotInUseException.class, () -> as(a).describeOrganization());
        assertThat(accountIdsOf(m)).containsExactly(m);
        assertThat(describe(m, invitation.id()).state()).isEqualTo(HandshakeState.ACCEPTED);
        assertThat(find(sentBy(m), invitation.id())).hasValueSatisfying(h ->
                assertThat(h.state()).isEqualTo(HandshakeState.ACCEPTED));
        assertThat(find(receivedBy(a), invitation.id())).hasValueSatisfying(h ->
                assertThat(h.state()).isEqualTo(HandshakeState.ACCEPTED));
    }

    @Test
    void accountThatLeftCanBeInvitedAgain() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        accept(a, inviteAccount(m, a).id());
        as(a).leaveOrganization();

        // when
        Handshake again = inviteAccount(m, a);

        // then
        assertThat(accept(a, again.id()).state()).isEqualTo(HandshakeState.ACCEPTED);
        assertThat(accountIdsOf(m)).containsExactlyInAnyOrder(m, a);
    }

    @Test
    void managementAccountCannotLeaveAndStandaloneHasNothingToLeave() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);

        // when
        MasterCannotLeaveOrganizationException management = failureOf(MasterCannotLeaveOrganizationException.class,
                () -> as(m).leaveOrganization());
        AwsOrganizationsNotInUseException standalone = failureOf(AwsOrganizationsNotInUseException.class,
                () -> as(a).leaveOrganization());

        // then
        assertThat(management.awsErrorDetails().errorCode()).isEqualTo("MasterCannotLeaveOrganizationException");
        assertThat(standalone.awsErrorDetails().errorCode()).isEqualTo("AWSOrganizationsNotInUseException");
        assertThat(accountIdsOf(m)).containsExactly(m);
    }

    @Test
    void managementAccountRemovesAMember() {
        // given
        String m = fresh();
        String c = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        as(m).removeAccountFromOrganization(r -> r.accountId(c));

        // then
        assertThat(accountIdsOf(m)).containsExactly(m);
        failureOf(AwsOrganizationsNotInUseException.class, () -> as(c).describeOrganization());
    }

    @Test
    void managementAccountCannotRemoveItself() {
        // given
        String m = fresh();
        consolidatedBillingOrganization(m);

        // when
        failureOf(MasterCannotLeaveOrganizationException.class,
                () -> as(m).removeAccountFromOrganization(r -> r.accountId(m)));

        // then
        assertThat(accountIdsOf(m)).containsExactly(m);
    }

    @Test
    void removingAnAccountThatIsNotAMemberIsAccountNotFound() {
        // given
        String m = fresh();
        String x = fresh();
        String y = fresh();
        consolidatedBillingOrganization(m);
        organizationWithMember(x, y, OrganizationFeatureSet.ALL);

        // when
        AccountNotFoundException standalone = failureOf(AccountNotFoundException.class,
                () -> as(m).removeAccountFromOrganization(r -> r.accountId(fresh())));
        AccountNotFoundException ofAnotherOrganization = failureOf(AccountNotFoundException.class,
                () -> as(m).removeAccountFromOrganization(r -> r.accountId(y)));

        // then
        assertThat(standalone.awsErrorDetails().errorCode()).isEqualTo("AccountNotFoundException");
        assertThat(ofAnotherOrganization.awsErrorDetails().errorCode()).isEqualTo("AccountNotFoundException");
        assertThat(accountIdsOf(x)).containsExactlyInAnyOrder(x, y);
    }

    @Test
    void organizationWithMembersCannotBeDeleted() {
        // given
        String m = fresh();
        String c = fresh();
        String organization = organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        failureOf(OrganizationNotEmptyException.class, () -> as(m).deleteOrganization());

        // then
        assertThat(as(m).describeOrganization().organization().id()).isEqualTo(organization);
        assertThat(accountIdsOf(m)).containsExactlyInAnyOrder(m, c);
    }

    @Test
    void deletingAnEmptyOrganizationMakesTheManagementAccountStandalone() {
        // given
        String m = fresh();
        String c = fresh();
        String organization = organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        as(m).removeAccountFromOrganization(r -> r.accountId(c));
        assertThat(as(m).describeOrganization().organization().id()).isEqualTo(organization);

        // when
        as(m).deleteOrganization();

        // then
        failureOf(AwsOrganizationsNotInUseException.class, () -> as(m).describeOrganization());
        failureOf(AwsOrganizationsNotInUseException.class, () -> as(m).listAccounts());
        String again = consolidatedBillingOrganization(m);
        assertThat(again).isNotEqualTo(organization);
    }

    @Test
    void accountInAnOrganizationCannotCreateAnother() {
        // given
        String m = fresh();
        String c = fresh();
        String organization = organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        AlreadyInOrganizationException byManagement = failureOf(AlreadyInOrganizationException.class,
                () -> as(m).createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL)));
        AlreadyInOrganizationException byMember = failureOf(AlreadyInOrganizationException.class,
                () -> as(c).createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL)));

        // then
        assertThat(byManagement.awsErrorDetails().errorCode()).isEqualTo("AlreadyInOrganizationException");
        assertThat(byMember.awsErrorDetails().errorCode()).isEqualTo("AlreadyInOrganizationException");
        assertThat(as(c).describeOrganization().organization().id()).isEqualTo(organization);
        assertThat(accountIdsOf(m)).containsExactlyInAnyOrder(m, c);
    }
}
