package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.ActionType;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.HandshakeParty;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.HandshakeResource;
import software.amazon.awssdk.services.organizations.model.HandshakeResourceType;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.InvalidHandshakeTransitionException;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.PolicyTypeSummary;

/**
 * Spec §9 cases 72–84 and 86 (§7.2): the ENABLE_ALL_FEATURES parent, one APPROVE_ALL_FEATURES child per invited
 * member, and the management account finishing once every member approved. Case 85 needs 90 days to pass and is
 * left out.
 */
class EnableAllFeaturesIT extends HandshakeITSupport {

    @Test
    void startsARequestedParentForAnOrganizationWithAnInvitedMember() {
        // given
        String m = fresh();
        String c = fresh();
        String organization = organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();

        // then
        assertThat(parent.action()).isEqualTo(ActionType.ENABLE_ALL_FEATURES);
        assertThat(parent.state()).isEqualTo(HandshakeState.REQUESTED);
        assertThat(parent.arn()).isEqualTo("arn:aws:organizations::" + m + ":handshake/" + organization
                + "/enable_all_features/" + parent.id());
        assertThat(parent.parties()).containsExactly(organizationParty(organization));
        assertThat(parent.resources()).containsExactly(resource(HandshakeResourceType.ORGANIZATION, organization));
        assertThat(Duration.between(parent.requestedTimestamp(), parent.expirationTimestamp()))
                .isEqualTo(Duration.ofDays(90));
        assertThat(describe(m, parent.id())).isEqualTo(parent);
        assertThat(find(sentBy(m), parent.id())).hasValue(parent);
    }

    @Test
    void sendsTheInvitedMemberAnOpenApprovalRequest() {
        // given
        String m = fresh();
        String c = fresh();
        String organization = organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();

        // when
        List<Handshake> received = receivedBy(c);

        // then
        List<Handshake> children = received.stream().filter(h -> h.action() != ActionType.INVITE).toList();
        assertThat(children).singleElement().satisfies(child -> {
            assertThat(child.action()).isEqualTo(ActionType.APPROVE_ALL_FEATURES);
            assertThat(child.state()).isEqualTo(HandshakeState.OPEN);
            assertThat(child.arn()).isEqualTo("arn:aws:organizations::" + m + ":handshake/" + organization
                    + "/approve_all_features/" + child.id());
            assertThat(child.parties()).containsExactly(organizationParty(organization),
                    HandshakeParty.builder().id(c).type(HandshakePartyType.ACCOUNT).build());
            assertThat(child.resources()).containsExactly(
                    resource(HandshakeResourceType.PARENT_HANDSHAKE, parent.id()),
                    resource(HandshakeResourceType.ORGANIZATION, organization),
                    resource(HandshakeResourceType.ACCOUNT, c));
            assertThat(child.expirationTimestamp()).isEqualTo(parent.expirationTimestamp());
        });
        assertThat(receivedBy(m)).extracting(Handshake::action).doesNotContain(ActionType.ENABLE_ALL_FEATURES,
                ActionType.APPROVE_ALL_FEATURES);
    }

    @Test
    void parentFilterListsExactlyTheChildrenOfThatParent() {
        // given
        String m = fresh();
        String c = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();
        Handshake child = childOf(c);

        // when
        List<Handshake> children = as(m).listHandshakesForOrganization(r -> r
                .filter(f -> f.parentHandshakeId(parent.id()))).handshakes();

        // then
        assertThat(children).containsExactly(child);
        assertThat(as(m).listHandshakesForOrganization(r -> r.filter(f -> f
                .actionType(ActionType.APPROVE_ALL_FEATURES))).handshakes()).containsExactly(child);
        assertThat(as(c).listHandshakesForAccount(r -> r.filter(f -> f.parentHandshakeId(parent.id())))
                .handshakes()).containsExactly(child);
    }

    @Test
    void approvalOfTheLastMemberOpensTheParent() {
        // given
        String m = fresh();
        String c = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();
        Handshake child = childOf(c);

        // when
        Handshake approved = accept(c, child.id());

        // then
        assertThat(approved.state()).isEqualTo(HandshakeState.ACCEPTED);
        assertSeenEverywhereAs(child.id(), HandshakeState.ACCEPTED, c, m);
        assertThat(describe(m, parent.id()).state()).isEqualTo(HandshakeState.OPEN);
        assertThat(find(sentBy(m), parent.id())).hasValueSatisfying(h ->
                assertThat(h.state()).isEqualTo(HandshakeState.OPEN));
    }

    @Test
    void parentStaysRequestedWhileAnyMemberHasNotApproved() {
        // given
        String m = fresh();
        String c = fresh();
        String d = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        accept(d, inviteAccount(m, d).id());
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();

        // when
        accept(c, childOf(c).id());

        // then
        assertThat(describe(m, parent.id()).state()).isEqualTo(HandshakeState.REQUESTED);
        assertThat(childOf(d).state()).isEqualTo(HandshakeState.OPEN);
    }

    @Test
    void managementCannotFinishWhileTheParentIsStillRequested() {
        // given
        String m = fresh();
        String c = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();

        // when
        failureOf(InvalidHandshakeTransitionException.class, () -> accept(m, parent.id()));

        // then
        assertThat(describe(m, parent.id()).state()).isEqualTo(HandshakeState.REQUESTED);
        assertThat(as(m).describeOrganization().organization().featureSet())
                .isEqualTo(OrganizationFeatureSet.CONSOLIDATED_BILLING);
    }

    @Test
    void managementFinishesAnOpenParentAndTheOrganizationHasAllFeatures() {
        // given
        String m = fresh();
        String c = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();
        accept(c, childOf(c).id());

        // when
        Handshake finished = accept(m, parent.id());

        // then
        assertThat(finished.state()).isEqualTo(HandshakeState.ACCEPTED);
        assertThat(describe(m, parent.id()).state()).isEqualTo(HandshakeState.ACCEPTED);
        Organization organization = as(m).describeOrganization().organization();
        assertThat(organization.featureSet()).isEqualTo(OrganizationFeatureSet.ALL);
        assertThat(organization.availablePolicyTypes()).extracting(PolicyTypeSummary::typeAsString)
                .contains("SERVICE_CONTROL_POLICY");
        assertThat(as(c).describeOrganization().organization().featureSet()).isEqualTo(OrganizationFeatureSet.ALL);
        Handshake later = inviteAccount(m, fresh());
        assertThat(later.state()).isEqualTo(HandshakeState.OPEN);
        assertThat(later.resources().get(0).resources())
                .contains(resource(HandshakeResourceType.ORGANIZATION_FEATURE_SET, "ALL"));
    }

    @Test
    void organizationWithAllFeaturesCannotEnableThemAgain() {
        // given
        String m = fresh();
        createOrganization(m, OrganizationFeatureSet.ALL);

        // when
        HandshakeConstraintViolationException violation = failureOf(HandshakeConstraintViolationException.class,
                () -> as(m).enableAllFeatures(r -> { }));

        // then
        assertThat(violation.reasonAsString()).isEqualTo("ORGANIZATION_ALREADY_HAS_ALL_FEATURES");
        assertThat(sentBy(m)).isEmpty();
    }

    @Test
    void organizationThatFinishedTheMigrationCannotStartItAgain() {
        // given
        String m = fresh();
        consolidatedBillingOrganization(m);
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();
        accept(m, parent.id());

        // when
        HandshakeConstraintViolationException violation = failureOf(HandshakeConstraintViolationException.class,
                () -> as(m).enableAllFeatures(r -> { }));

        // then
        assertThat(violation.reasonAsString()).isEqualTo("ORGANIZATION_ALREADY_HAS_ALL_FEATURES");
    }

    @Test
    void pendingMigrationCannotBeStartedTwice() {
        // given
        String m = fresh();
        String c = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();

        // when
        HandshakeConstraintViolationException violation = failureOf(HandshakeConstraintViolationException.class,
                () -> as(m).enableAllFeatures(r -> { }));

        // then
        assertThat(violation.reasonAsString()).isEqualTo("ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION");
        assertThat(as(m).listHandshakesForOrganization(r -> r.filter(f -> f
                .actionType(ActionType.ENABLE_ALL_FEATURES))).handshakes()).extracting(Handshake::id)
                .containsExactly(parent.id());
    }

    @Test
    void invitationsAreRefusedWhileTheMigrationIsPending() {
        // given
        String m = fresh();
        String c = fresh();
        String b = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        as(m).enableAllFeatures(r -> { });

        // when
        HandshakeConstraintViolationException violation = failureOf(HandshakeConstraintViolationException.class,
                () -> inviteAccount(m, b));

        // then
        assertThat(violation.reasonAsString()).isEqualTo("INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES");
        assertThat(receivedBy(b)).isEmpty();
    }

    @Test
    void startingTheMigrationCancelsOpenInvitations() {
        // given
        String m = fresh();
        String c = fresh();
        String a = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake invitation = inviteAccount(m, a);

        // when
        as(m).enableAllFeatures(r -> { });

        // then
        assertSeenEverywhereAs(invitation.id(), HandshakeState.CANCELED, a, m);
        failureOf(InvalidHandshakeTransitionException.class, () -> accept(a, invitation.id()));
    }

    @Test
    void onlyTheManagementAccountMayEnableAllFeatures() {
        // given
        String m = fresh();
        String c = fresh();
        String a = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        AccessDeniedException byMember = failureOf(AccessDeniedException.class,
                () -> as(c).enableAllFeatures(r -> { }));
        AwsOrganizationsNotInUseException byStandalone = failureOf(AwsOrganizationsNotInUseException.class,
                () -> as(a).enableAllFeatures(r -> { }));

        // then
        assertThat(byMember.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(byStandalone.awsErrorDetails().errorCode()).isEqualTo("AWSOrganizationsNotInUseException");
        assertThat(sentBy(m)).extracting(Handshake::action).containsOnly(ActionType.INVITE);
    }

    @Test
    void organizationWithoutInvitedMembersGetsAnOpenParentAndCanFinishRightAway() {
        // given
        String m = fresh();
        consolidatedBillingOrganization(m);

        // when
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();

        // then
        assertThat(parent.state()).isEqualTo(HandshakeState.OPEN);
        assertThat(as(m).listHandshakesForOrganization(r -> r.filter(f -> f.parentHandshakeId(parent.id())))
                .handshakes()).isEmpty();
        assertThat(accept(m, parent.id()).state()).isEqualTo(HandshakeState.ACCEPTED);
        assertThat(as(m).describeOrganization().organization().featureSet()).isEqualTo(OrganizationFeatureSet.ALL);
    }

    @Test
    void declinedApprovalKeepsTheParentRequestedUntilManagementCancelsIt() {
        // given
        String m = fresh();
        String c = fresh();
        String d = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        accept(d, inviteAccount(m, d).id());
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();
        Handshake declined = decline(c, childOf(c).id());
        assertThat(declined.state()).isEqualTo(HandshakeState.DECLINED);
        assertThat(describe(m, parent.id()).state()).isEqualTo(HandshakeState.REQUESTED);

        // when
        Handshake canceled = cancel(m, parent.id());

        // then
        assertThat(canceled.state()).isEqualTo(HandshakeState.CANCELED);
        assertThat(describe(m, parent.id()).state()).isEqualTo(HandshakeState.CANCELED);
        assertSeenEverywhereAs(childOf(d).id(), HandshakeState.CANCELED, d, m);
        assertSeenEverywhereAs(declined.id(), HandshakeState.DECLINED, c, m);
        assertThat(inviteAccount(m, fresh()).state()).isEqualTo(HandshakeState.OPEN);
        Handshake again = as(m).enableAllFeatures(r -> { }).handshake();
        assertThat(again.id()).isNotEqualTo(parent.id());
        assertThat(again.state()).isEqualTo(HandshakeState.REQUESTED);
    }

    @Test
    void removingTheLastMemberThatHasNotApprovedOpensTheParent() {
        // given
        String m = fresh();
        String c = fresh();
        String d = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        accept(d, inviteAccount(m, d).id());
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();
        accept(c, childOf(c).id());
        Handshake pending = childOf(d);

        // when
        as(m).removeAccountFromOrganization(r -> r.accountId(d));

        // then
        assertThat(describe(m, pending.id()).state()).isEqualTo(HandshakeState.CANCELED);
        assertThat(describe(m, parent.id()).state()).isEqualTo(HandshakeState.OPEN);
        assertThat(accept(m, parent.id()).state()).isEqualTo(HandshakeState.ACCEPTED);
    }

    @Test
    void onlyTheAddressedMemberAnswersAChildAndOnlyManagementTheParent() {
        // given
        String m = fresh();
        String c = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();
        Handshake child = childOf(c);

        // when
        AccessDeniedException declineByManagement = failureOf(AccessDeniedException.class,
                () -> decline(m, child.id()));
        AccessDeniedException acceptByManagement = failureOf(AccessDeniedException.class,
                () -> accept(m, child.id()));
        AccessDeniedException parentByMember = failureOf(AccessDeniedException.class,
                () -> accept(c, parent.id()));
        AccessDeniedException parentDeclined = failureOf(AccessDeniedException.class,
                () -> decline(m, parent.id()));

        // then
        assertThat(List.of(declineByManagement, acceptByManagement, parentByMember, parentDeclined))
                .extracting(e -> e.awsErrorDetails().errorCode()).containsOnly("AccessDeniedException");
        assertSeenEverywhereAs(child.id(), HandshakeState.OPEN, c, m);
        assertThat(describe(m, parent.id()).state()).isEqualTo(HandshakeState.REQUESTED);
    }

    /** The approval request that {@code member} received. */
    private Handshake childOf(String member) {
        return as(member).listHandshakesForAccount(r -> r.filter(f -> f.actionType(ActionType.APPROVE_ALL_FEATURES)))
                .handshakes().stream().reduce((first, second) -> {
                    throw new AssertionError(member + " received more than one approval request");
                })
                .orElseThrow(() -> new AssertionError(member + " received no approval request"));
    }

    private static HandshakeParty organizationParty(String organization) {
        return HandshakeParty.builder().id(organization).type(HandshakePartyType.ORGANIZATION).build();
    }

    private static HandshakeResource resource(HandshakeResourceType type, String value) {
        return HandshakeResource.builder().type(type).value(value).build();
    }
}
