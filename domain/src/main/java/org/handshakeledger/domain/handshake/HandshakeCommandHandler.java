package org.handshakeledger.domain.handshake;

import static org.handshakeledger.domain.LedgerAggregates.pick;
import static org.handshakeledger.domain.LedgerAggregates.requireHandshake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerAggregates;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.account.AccountAggregate;
import org.handshakeledger.domain.organization.AllFeaturesMigrationPlan;
import org.handshakeledger.domain.organization.DepartureReason;
import org.handshakeledger.domain.organization.OrganizationAggregate;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.handshakeledger.domain.organization.PendingApproval;

/**
 * The handshake operations, each in one place: which aggregates it loads (in {@link LedgerAggregates}' order), and
 * which of their rules it applies, in the order AWS reports a refusal. The rules themselves are methods of the
 * aggregates. Everything an operation applies commits in one transaction, or nothing does.
 */
public class HandshakeCommandHandler {
    private final LedgerAggregates aggregates;
    private final DeadlineManager deadlines;

    public HandshakeCommandHandler(LedgerAggregates aggregates, DeadlineManager deadlines) {
        this.aggregates = aggregates;
        this.deadlines = deadlines;
    }

    /** The organization reserves a slot (role, duplicates, quotas), then the invitation opens. */
    @CommandHandler
    public void handle(InviteAccountToOrganizationCommand cmd) {
        OrganizationProfile organization = aggregates.organization(cmd.organizationId())
                .invoke(o -> o.reserveInvitation(cmd.handshakeId(), cmd.caller(), cmd.targetKey(),
                        cmd.recipientAccountId(), cmd.requestedAt(), cmd.expiresAt(), cmd.limits()));
        aggregates.newHandshake(() -> new HandshakeAggregate(cmd, organization, deadlines));
    }

    /**
     * The organization starts the migration; the parent handshake opens; open invitations are canceled; every member
     * that joined by invitation gets an approval to accept.
     */
    @CommandHandler
    public void handle(EnableAllFeaturesCommand cmd) {
        AllFeaturesMigrationPlan plan = aggregates.organization(cmd.organizationId())
                .invoke(o -> o.startAllFeaturesMigration(cmd.handshakeId(), cmd.caller(), cmd.requestedAt(),
                        cmd.expiresAt()));
        List<HandshakeId> approvals = plan.invitedMembers().stream().map(cmd.handshakeId()::approvalFor).toList();
        aggregates.newHandshake(() -> new HandshakeAggregate(cmd, plan.organization(), approvals, deadlines));
        for (Aggregate<HandshakeAggregate> invitation : aggregates.handshakes(plan.openInvitations())) {
            invitation.execute(h -> h.closeIfPending(CloseReason.ALL_FEATURES_MIGRATION_STARTED, cmd.requestedAt(),
                    deadlines));
        }
        for (AccountId member : plan.invitedMembers()) {
            aggregates.newHandshake(() -> new HandshakeAggregate(cmd, plan.organization(), member, deadlines));
        }
    }

    @CommandHandler
    public void handle(AcceptHandshakeCommand cmd) {
        HandshakeFacts facts = aggregates.factsOf(cmd.handshakeId());
        switch (facts.action()) {
            case INVITE -> acceptInvitation(cmd, facts);
            case ENABLE_ALL_FEATURES -> {
                Aggregate<OrganizationAggregate> organization = aggregates.organization(facts.organizationId());
                aggregates.handshake(cmd.handshakeId()).execute(h -> h.accept(cmd, deadlines));
                organization.execute(o -> o.completeAllFeaturesMigration(cmd.handshakeId(), cmd.requestedAt()));
            }
            case APPROVE_ALL_FEATURES -> {
                List<Aggregate<HandshakeAggregate>> both = aggregates.handshakes(
                        List.of(cmd.handshakeId(), facts.parentId()));
                pick(both, cmd.handshakeId()).execute(h -> h.accept(cmd, deadlines));
                pick(both, facts.parentId()).execute(p -> p.settleApproval(cmd.handshakeId(), cmd.requestedAt()));
            }
        }
    }

    /**
     * The recipient joins the organization: the invitation must be theirs and open, the organization must take them,
     * and their account must be free to join. A member of another organization moves (leaving it, and the approval
     * it owed there) unless the ledger is configured to refuse (spec §5.6).
     */
    private void acceptInvitation(AcceptHandshakeCommand cmd, HandshakeFacts facts) {
        Instant at = cmd.requestedAt();
        Optional<OrganizationId> previousSeen = aggregates.organizationOf(cmd.caller());
        List<OrganizationId> organizationIds = new ArrayList<>(List.of(facts.organizationId()));
        previousSeen.ifPresent(organizationIds::add);
        List<Aggregate<OrganizationAggregate>> organizations = aggregates.organizations(organizationIds);
        Aggregate<AccountAggregate> account = aggregates.account(cmd.caller());
        LedgerAggregates.requireUnchanged(account, previousSeen);
        Optional<Aggregate<OrganizationAggregate>> previous = previousSeen
                .filter(id -> !id.equals(facts.organizationId()))
                .map(id -> pick(organizations, id));
        Optional<PendingApproval> owed = previous.flatMap(p -> p.invoke(o -> o.pendingApprovalOf(cmd.caller(), at)));
        List<HandshakeId> handshakeIds = new ArrayList<>(List.of(cmd.handshakeId()));
        owed.map(OwedApprovals::ids).ifPresent(handshakeIds::addAll);
        List<Aggregate<HandshakeAggregate>> handshakes = aggregates.remainingHandshakes(handshakeIds);
        Aggregate<OrganizationAggregate> organization = pick(organizations, facts.organizationId());

        Aggregate<HandshakeAggregate> invitation = requireHandshake(handshakes, cmd.handshakeId());
        invitation.execute(h -> h.accept(cmd, deadlines));
        organization.execute(o -> o.requireMayAdmit(cmd.caller()));
        account.execute(a -> a.join(cmd.caller(), facts.organizationId(), cmd.acceptWhileMember(), at));
        previous.ifPresent(p -> p.execute(o -> o.depart(cmd.caller(),
                DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION, at)));
        owed.ifPresent(a -> OwedApprovals.release(a, handshakes, at, deadlines));
        List<Tag> tags = invitation.invoke(HandshakeAggregate::tags);
        organization.execute(o -> o.admit(cmd.caller(), cmd.callerEmail(), cmd.callerName(), cmd.handshakeId(), tags,
                at));
    }

    /** Declining an invitation frees its slot in the organization. */
    @CommandHandler
    public void handle(DeclineHandshakeCommand cmd) {
        HandshakeFacts facts = aggregates.factsOf(cmd.handshakeId());
        if (facts.action() != HandshakeAction.INVITE) {
            aggregates.handshake(cmd.handshakeId()).execute(h -> h.decline(cmd, deadlines));
            return;
        }
        Aggregate<OrganizationAggregate> organization = aggregates.organization(facts.organizationId());
        aggregates.handshake(cmd.handshakeId()).execute(h -> h.decline(cmd, deadlines));
        organization.execute(o -> o.releaseInvitation(cmd.handshakeId(), cmd.requestedAt()));
    }

    /**
     * Canceling an invitation frees its slot; canceling the enable-all-features request cancels its approvals and
     * lets the organization invite again.
     */
    @CommandHandler
    public void handle(CancelHandshakeCommand cmd) {
        HandshakeFacts facts = aggregates.factsOf(cmd.handshakeId());
        switch (facts.action()) {
            case INVITE -> {
                Aggregate<OrganizationAggregate> organization = aggregates.organization(facts.organizationId());
                aggregates.handshake(cmd.handshakeId()).execute(h -> h.cancel(cmd, deadlines));
                organization.execute(o -> o.releaseInvitation(cmd.handshakeId(), cmd.requestedAt()));
            }
            case ENABLE_ALL_FEATURES -> {
                Aggregate<OrganizationAggregate> organization = aggregates.organization(facts.organizationId());
                List<HandshakeId> ids = new ArrayList<>(List.of(cmd.handshakeId()));
                ids.addAll(facts.approvals());
                List<Aggregate<HandshakeAggregate>> handshakes = aggregates.remainingHandshakes(ids);
                Aggregate<HandshakeAggregate> parent = requireHandshake(handshakes, cmd.handshakeId());
                parent.execute(h -> h.cancel(cmd, deadlines));
                for (Aggregate<HandshakeAggregate> approval : handshakes) {
                    if (approval != parent) {
                        approval.execute(h -> h.closeIfPending(CloseReason.ALL_FEATURES_REQUEST_CANCELED,
                                cmd.requestedAt(), deadlines));
                    }
                }
                organization.execute(o -> o.endAllFeaturesMigration(cmd.handshakeId(), cmd.requestedAt()));
            }
            case APPROVE_ALL_FEATURES -> aggregates.handshake(cmd.handshakeId()).execute(h -> h.cancel(cmd, deadlines));
        }
    }
}
