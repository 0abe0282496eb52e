package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

class SmokeIT extends AbstractLedgerIT {
    @Test
    void invitedAccountJoinsByAccepting() {
        // given
        String m = LedgerActors.next();
        String a = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        var invitation = invite(m, a);

        // when
        var accepted = client(a).acceptHandshake(r -> r.handshakeId(invitation.id())).handshake();

        // then
        assertThat(accepted.state()).isEqualTo(HandshakeState.ACCEPTED);
        assertThat(client(m).listAccounts().accounts()).extracting(acc -> acc.id()).containsExactly(m, a);
    }
}
