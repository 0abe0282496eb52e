package org.handshakeledger.app.auditor;

import org.handshakeledger.app.auth.AuthenticatedCaller;
import org.handshakeledger.app.auth.DirectoryAccount;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.projections.audit.AuditScope;
import org.handshakeledger.projections.organization.FindMembershipQuery;
import org.handshakeledger.projections.organization.MembershipView;
import org.springframework.stereotype.Component;

/**
 * What of the audit trail a caller may read: an account with the role {@value #AUDITOR} in the accounts file sees
 * everything; any other account sees the records of the organization it manages right now (if any) and the
 * records it is a party to (as actor, originator or recipient).
 */
@Component
public class AuditScopes {
    /** The accounts-file role that may read the whole audit trail and verify it. */
    public static final String AUDITOR = DirectoryAccount.AUDITOR;

    private final LedgerGateway ledger;

    public AuditScopes(LedgerGateway ledger) {
        this.ledger = ledger;
    }

    public AuditScope of(AuthenticatedCaller caller) {
        if (isAuditor(caller)) {
            return AuditScope.auditor();
        }
        MembershipView membership = ledger.query(new FindMembershipQuery(caller.accountId()), MembershipView.class);
        return new AuditScope(false, membership.management() ? membership.organizationId() : null,
                caller.accountId());
    }

    public static boolean isAuditor(AuthenticatedCaller caller) {
        return caller.account().hasRole(AUDITOR);
    }
}
