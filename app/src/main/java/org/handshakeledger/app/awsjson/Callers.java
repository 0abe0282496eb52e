package org.handshakeledger.app.awsjson;

import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.handshake.HandshakeNotFoundException;
import org.handshakeledger.projections.handshake.GetHandshakeQuery;
import org.handshakeledger.projections.handshake.HandshakeView;
import org.handshakeledger.projections.organization.FindMembershipQuery;
import org.handshakeledger.projections.organization.MembershipView;
import org.springframework.stereotype.Component;

/**
 * Where the caller stands: its membership, and what it may see. The aggregates check roles again when they
 * change anything; these reads only decide what to ask them and what is visible.
 */
@Component
public class Callers {
    private final LedgerGateway ledger;

    public Callers(LedgerGateway ledger) {
        this.ledger = ledger;
    }

    public MembershipView membership(AwsRequest request) {
        return ledger.query(new FindMembershipQuery(request.caller().id()), MembershipView.class);
    }

    /** The caller's organization; AWSOrganizationsNotInUseException when it has none. */
    public String organizationOf(AwsRequest request) {
        MembershipView membership = membership(request);
        if (membership.isStandalone()) {
            throw new AwsOrganizationsNotInUseException();
        }
        return membership.organizationId();
    }

    /** The organization the caller manages; NotInUse when standalone, AccessDenied for a member. */
    public String managedOrganizationOf(AwsRequest request) {
        MembershipView membership = membership(request);
        if (membership.isStandalone()) {
            throw new AwsOrganizationsNotInUseException();
        }
        if (!membership.management()) {
            throw new AccessDeniedException();
        }
        return membership.organizationId();
    }

    /** The handshake as the caller may see it; HandshakeNotFoundException if it may not (spec §5.5). */
    public HandshakeView visibleHandshake(HandshakeId id, AwsRequest request) {
        MembershipView membership = membership(request);
        return ledger.queryOptional(new GetHandshakeQuery(id.value(), request.caller().id(), request.caller().email(),
                        membership.organizationId(), request.now()), HandshakeView.class)
                .orElseThrow(() -> new HandshakeNotFoundException(id.value()));
    }
}
