package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/** Spec §9 cases 36–43 and the matrix of §5.5: who may see and answer an invitation. */
class AuthorizationIT extends HandshakeITSupport {

    @Test
    void managementAccountCannotAcceptItsOwnInvitation() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);

        // when
        AccessDeniedException denied = failureOf(AccessDeniedException.class, () -> accept(m, invitation.id()));

        // then
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertSeenEverywhereAs(invitation.id(), HandshakeState.OPEN, a, m);
    }

    @Test
    void managementAccountCannotDeclineItsOwnInvitation() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);

        // when
        failureOf(AccessDeniedException.class, () -> decline(m, invitation.id()));

        // then
        assertSeenEverywhereAs(invitation.id(), HandshakeState.OPEN, a, m);
    }

    @Test
    void recipientCannotCancelAnInvitation() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);

        // when
        failureOf(AccessDeniedException.class, () -> cancel(a, invitation.id()));

        // then
        assertSeenEverywhereAs(invitation.id(), HandshakeState.OPEN, a, m);
    }

    @Test
    void unrelatedStandaloneAccountCannotFindTheInvitation() {
        // given
        String m = fresh();
        String a = fresh();
        String b = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);

        // when
        HandshakeNotFoundException describe = failureOf(HandshakeNotFoundException.class,
                () -> describe(b, invitation.id()));
        HandshakeNotFoundException accept = failureOf(HandshakeNotFoundException.class,
                () -> accept(b, invitation.id()));
        HandshakeNotFoundException decline = failureOf(HandshakeNotFoundException.class,
                () -> decline(b, invitation.id()));
        HandshakeNotFoundException cancel = failureOf(HandshakeNotFoundException.class,
                () -> cancel(b, invitation.id()));

        // then
        assertThat(List.of(describe, accept, decline, cancel)).extracting(e -> e.awsErrorDetails().errorCode())
                .containsOnly("HandshakeNotFoundException");
        assertThat(receivedBy(b)).isEmpty();
        assertSeenEverywhereAs(invitation.id(), HandshakeState.OPEN, a, m);
        failureOf(AwsOrganizationsNotInUseException.class, () -> as(b).describeOrganization());
    }

    @Test
    void memberOfAnotherOrganizationCannotFindTheInvitation() {
        // given
        String m = fresh();
        String a = fresh();
        String x = fresh();
        String y = fresh();
        consolidatedBillingOrganization(m);
        organizationWithMember(x, y, OrganizationFeatureSet.ALL);
        Handshake invitation = inviteAccount(m, a);

        // when
        HandshakeNotFoundException byManagement = failureOf(HandshakeNotFoundException.class,
                () -> describe(x, invitation.id()));
        HandshakeNotFoundException byMember = failureOf(HandshakeNotFoundException.class,
                () -> cancel(y, invitation.id()));

        // then
        assertThat(List.of(byManagement, byMember)).extracting(e -> e.awsErrorDetails().errorCode())
                .containsOnly("HandshakeNotFoundException");
        assertThat(sentBy(x)).extracting(Handshake::id).doesNotContain(invitation.id());
    }

    @Test
    void memberOfTheOriginatingOrganizationMayDescribeButNotCancelTheInvitation() {
        // given
        String m = fresh();
        String c = fresh();
        String a = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Handshake invitation = inviteAccount(m, a);

        // when
        Handshake described = describe(c, invitation.id());

        // then
        assertThat(described.state()).isEqualTo(HandshakeState.OPEN);
        failureOf(AccessDeniedException.class, () -> cancel(c, invitation.id()));
        failureOf(AccessDeniedException.class, () -> accept(c, invitation.id()));
        assertThat(describe(m, invitation.id()).state()).isEqualTo(HandshakeState.OPEN);
    }

    @Test
    void memberCannotListTheOrganizationsHandshakes() {
        // given
        String m = fresh();
        String c = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        AccessDeniedException denied = failureOf(AccessDeniedException.class,
                () -> as(c).listHandshakesForOrganization(r -> { }));

        // then
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    }

    @Test
    void standaloneAccountHasNoOrganizationToListHandshakesOf() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        inviteAccount(m, a);

        // when
        AwsOrganizationsNotInUseException notInUse = failureOf(AwsOrganizationsNotInUseException.class,
                () -> as(a).listHandshakesForOrganization(r -> { }));

        // then
        assertThat(notInUse.awsErrorDetails().errorCode()).isEqualTo("AWSOrganizationsNotInUseException");
    }

    @Test
    void standaloneRecipientListsItsInvitation() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);

        // when
        var page = as(a).listHandshakesForAccount(r -> { });

        // then
        assertThat(page.handshakes()).extracting(Handshake::id).containsExactly(invitation.id());
        assertThat(page.handshakes().get(0).state()).isEqualTo(HandshakeState.OPEN);
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void standaloneRecipientDescribesItsInvitation() {
        // given
        String m = fresh();
        String a = fresh();
        consolidatedBillingOrganization(m);
        Handshake invitation = inviteAccount(m, a);

        // when
        Handshake described = describe(a, invitation.id());

        // then
        assertThat(described).isEqualTo(invitation);
    }
}
