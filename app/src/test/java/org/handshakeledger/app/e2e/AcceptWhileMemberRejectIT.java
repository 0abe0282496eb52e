package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Spec §9 case 87, REJECT half (§5.6, §10 #6): with {@code ledger.handshake.accept-while-member=REJECT} an account
 * already in another organization must leave it before it can accept, and a refused accept changes nothing.
 */
@TestPropertySource(properties = "ledger.handshake.accept-while-member=REJECT")
class AcceptWhileMemberRejectIT extends HandshakeITSupport {

    @Test
    void memberOfAnotherOrganizationIsRejectedAndStaysWhereItIs() {
        // given
        String m = fresh();
        String x = fresh();
        String y = fresh();
        consolidatedBillingOrganization(m);
        String o2 = organizationWithMember(x, y, OrganizationFeatureSet.ALL);
        Handshake invitation = inviteAccount(m, y);

        // when
        HandshakeConstraintViolationException refused = failureOf(HandshakeConstraintViolationException.class,
                () -> accept(y, invitation.id()));

        // then
        assertThat(refused.reasonAsString()).isEqualTo("ALREADY_IN_AN_ORGANIZATION");
        assertThat(as(y).describeOrganization().organization().id()).isEqualTo(o2);
        assertThat(accountIdsOf(x)).containsExactlyInAnyOrder(x, y);
        assertThat(accountIdsOf(m)).containsExactly(m);
        assertSeenEverywhereAs(invitation.id(), HandshakeState.OPEN, y, m);
    }

    @Test
    void managementAccountOfAnotherOrganizationIsRejectedAsAlreadyInAnOrganization() {
        // given
        String m = fresh();
        String x = fresh();
        consolidatedBillingOrganization(m);
        String other = consolidatedBillingOrganization(x);
        Handshake invitation = inviteAccount(m, x);

        // when
        HandshakeConstraintViolationException refused = failureOf(HandshakeConstraintViolationException.class,
                () -> accept(x, invitation.id()));

        // then
        assertThat(refused.reasonAsString()).isEqualTo("ALREADY_IN_AN_ORGANIZATION");
        assertThat(as(x).describeOrganization().organization().id()).isEqualTo(other);
        assertThat(describe(m, invitation.id()).state()).isEqualTo(HandshakeState.OPEN);
        assertThat(accountIdsOf(m)).containsExactly(m);
    }

    @Test
    void memberThatLeftItsOrganizationFirstCanAccept() {
        // given
        String m = fresh();
        String x = fresh();
        String y = fresh();
        String organization = consolidatedBillingOrganization(m);
        organizationWithMember(x, y, OrganizationFeatureSet.ALL);
        Handshake invitation = inviteAccount(m, y);
        failureOf(HandshakeConstraintViolationException.class, () -> accept(y, invitation.id()));

        // when
        as(y).leaveOrganization();
        Handshake accepted = accept(y, invitation.id());

        // then
        assertThat(accepted.state()).isEqualTo(HandshakeState.ACCEPTED);
        assertThat(as(y).describeOrganization().organization().id()).isEqualTo(organization);
        assertThat(accountIdsOf(m)).containsExactlyInAnyOrder(m, y);
        assertThat(accountIdsOf(x)).containsExactly(x);
    }
}
