package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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

    @Test
    void healthIsUpNamingTheAuditTrailAndTheProbesAreUp() {
        // given
        LedgerHttp http = new LedgerHttp(port);

        // when
        RawSignedRequests.Response health = http.unsigned("GET", "/actuator/health");

        // then
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("components").path("auditTrail").path("status").asText()).isEqualTo("UP");
        for (String group : List.of("readiness", "liveness", "audit")) {
            RawSignedRequests.Response response = http.unsigned("GET", "/actuator/health/" + group);
            assertThat(response.status()).as(group).isEqualTo(200);
            assertThat(response.json().path("status").asText()).as(group).isEqualTo("UP");
        }
        // readiness waits for the audit trail to catch up at start; liveness never does
        assertThat(http.unsigned("GET", "/actuator/health/readiness").json().path("components")
                .path("catchUp").path("status").asText()).isEqualTo("UP");
        assertThat(http.unsigned("GET", "/actuator/health/liveness").json().path("components").has("catchUp"))
                .isFalse();
    }
}
