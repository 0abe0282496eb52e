package org.handshakeledger.domain.handshake;

import static org.handshakeledger.domain.LedgerAggregates.find;
import static org.handshakeledger.domain.LedgerAggregates.pick;

import java.time.Instant;
import java.util.List;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.organization.PendingApproval;

/** What a member that leaves its organization (on its own, removed or moving) does to an approval it still owed. */
public final class OwedApprovals {
    private OwedApprovals() {
    }

    /**
     * The approval, if still pending, is canceled, and it no longer blocks its parent (spec §10 #26), even when it
     * was answered (declined, say) so long ago that it has been deleted. The handshakes are those
     * {@link org.handshakeledger.domain.LedgerAggregates#remainingHandshakes} loaded for {@link #ids}.
     */
    public static void release(PendingApproval owed, List<Aggregate<HandshakeAggregate>> handshakes, Instant at,
                               DeadlineManager deadlines) {
        find(handshakes, owed.approvalId()).ifPresent(approval -> approval.execute(h -> h.closeIfPending(
                CloseReason.MEMBER_LEFT_ORGANIZATION, at, deadlines)));
        pick(handshakes, owed.parentId()).execute(p -> p.settleApproval(owed.approvalId(), at));
    }

    /** The ids of both handshakes, to load them with the others an operation needs. */
    public static List<HandshakeId> ids(PendingApproval owed) {
        return List.of(owed.approvalId(), owed.parentId());
    }
}
