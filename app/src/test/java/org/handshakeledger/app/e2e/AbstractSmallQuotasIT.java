package org.handshakeledger.app.e2e;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with quotas small enough to reach in a test: 3 accounts per organization (spec §9 case 27:
 * management + one member + one open invitation) and 20 invitations a day (case 28; the larger of this and the
 * account quota applies, spec §5.8). A context of its own, shared by every test that extends this class. Spring
 * registers these after {@link AbstractLedgerIT}'s limits, so they replace them; the quota tests fail if not.
 */
abstract class AbstractSmallQuotasIT extends AbstractLedgerIT {
    static final int ACCOUNTS_PER_ORGANIZATION = 3;
    static final int INVITATIONS_PER_DAY = 20;

    @DynamicPropertySource
    static void smallQuotas(DynamicPropertyRegistry registry) {
        registry.add("ledger.limits.accounts-per-organization", () -> String.valueOf(ACCOUNTS_PER_ORGANIZATION));
        registry.add("ledger.limits.invitations-per-day", () -> String.valueOf(INVITATIONS_PER_DAY));
    }
}
