package org.handshakeledger.domain.organization;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerAggregates;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.account.AccountAggregate;
import org.handshakeledger.domain.account.CreateOrganizationCommand;
import org.handshakeledger.domain.account.LeaveOrganizationCommand;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.HandshakeAggregate;
import org.handshakeledger.domain.handshake.OwedApprovals;

/**
 * The organization and membership operations, each in one place: which aggregates it loads (in
 * {@link LedgerAggregates}' order), and which of their rules it applies, in the order AWS reports a refusal. The
 * rules themselves are methods of the aggregates. Everything an operation applies commits in one transaction.
 */
public class OrganizationCommandHandler {
    private final LedgerAggregates aggregates;
    private final DeadlineManager deadlines;

    public OrganizationCommandHandler(LedgerAggregates aggregates, DeadlineManager deadlines) {
        this.aggregates = aggregates;
        this.deadlines = deadlines;
    }

    /** A standalone account becomes the management account of a new organization. */
    @CommandHandler
    public void handle(CreateOrganizationCommand cmd) {
        aggregates.account(cmd.caller())
                .execute(a -> a.claimManagement(cmd.caller(), cmd.organizationId(), cmd.requestedAt()));
        aggregates.newOrganization(() -> new OrganizationAggregate(cmd));
    }

    /** A member leaves on its own; the approval it owed a pending all-features request no longer blocks it. */
    @CommandHandler
    public void handle(LeaveOrganizationCommand cmd) {
        Instant at = cmd.requestedAt();
        Optional<OrganizationId> seen = aggregates.organizationOf(cmd.caller());
        Optional<Aggregate<OrganizationAggregate>> organization = seen.map(aggregates::organization);
        Aggregate<AccountAggregate> account = aggregates.account(cmd.caller());
        LedgerAggregates.requireUnchanged(account, seen);
        OrganizationId left = account.invoke(AccountAggregate::requireMayLeave);
        Aggregate<OrganizationAggregate> from = organization.orElseThrow();
        depart(from, account, cmd.caller(), left, DepartureReason.LEFT, at);
    }

    /** The management account removes a member, which then is in no organization. */
    @CommandHandler
    public void handle(RemoveAccountFromOrganizationCommand cmd) {
        Aggregate<OrganizationAggregate> organization = aggregates.organization(cmd.organizationId());
        organization.execute(o -> o.requireRemovable(cmd.caller(), cmd.member()));
        Aggregate<AccountAggregate> account = aggregates.account(cmd.member());
        depart(organization, account, cmd.member(), cmd.organizationId(), DepartureReason.REMOVED,
                cmd.requestedAt());
    }

    /**
     * The management account deletes its organization once it is the only member: every handshake still holding
     * something there is canceled, and the management account is free again.
     */
    @CommandHandler
    public void handle(DeleteOrganizationCommand cmd) {
        Instant at = cmd.requestedAt();
        Aggregate<OrganizationAggregate> organization = aggregates.organization(cmd.organizationId());
        organization.execute(o -> o.requireDeletable(cmd.caller()));
        List<HandshakeId> toClose = organization.invoke(o -> o.handshakesToCloseOnDeletion(at));
        Aggregate<AccountAggregate> management = aggregates.account(cmd.caller());
        for (Aggregate<HandshakeAggregate> handshake : aggregates.remainingHandshakes(toClose)) {
            handshake.execute(h -> h.closeIfPending(CloseReason.ORGANIZATION_DELETED, at, deadlines));
        }
        management.execute(a -> a.release(cmd.organizationId(), at));
        organization.execute(o -> o.delete(cmd.caller(), at));
    }

    private void depart(Aggregate<OrganizationAggregate> organization, Aggregate<AccountAggregate> account,
                        AccountId member, OrganizationId organizationId, DepartureReason reason, Instant at) {
        Optional<PendingApproval> owed = organization.invoke(o -> o.pendingApprovalOf(member, at));
        List<Aggregate<HandshakeAggregate>> handshakes = aggregates.remainingHandshakes(
                owed.map(OwedApprovals::ids).orElse(List.of()));
        account.execute(a -> a.release(organizationId, at));
        organization.execute(o -> o.depart(member, reason, at));
        owed.ifPresent(a -> OwedApprovals.release(a, handshakes, at, deadlines));
    }
}
