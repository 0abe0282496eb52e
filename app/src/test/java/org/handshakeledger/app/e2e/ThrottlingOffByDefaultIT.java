package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/** Without {@code --ledger.limits.requests-per-second} nobody is throttled (spec §5.8: off by default). */
class ThrottlingOffByDefaultIT extends AbstractLedgerIT {
    // ThrottlingIT sees a limit of 2 per second after at most 30 calls in a row; here 60 go through
    private static final int CALLS = 60;

    @Test
    void anAccountMayCallAsFastAsItLikes() {
        // given
        String account = LedgerActors.next();
        OrganizationsClient client = client(account);
        LedgerHttp http = new LedgerHttp(port);

        // when / then: retries are off, so a single throttled call would fail the test
        for (int i = 0; i < CALLS; i++) {
            assertThat(client.listHandshakesForAccount(r -> { }).handshakes()).isEmpty();
            assertThat(http.get(account, "/ledger/audit").status()).isEqualTo(200);
        }
    }
}
