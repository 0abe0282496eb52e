package org.handshakeledger.domain.handshake;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.organization.AdmitInvitedAccountCommand;
import org.handshakeledger.domain.organization.AllFeaturesMigrationPlan;
import org.handshakeledger.domain.organization.CompleteAllFeaturesMigrationCommand;
import org.handshakeledger.domain.organization.EndAllFeaturesMigrationCommand;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.handshakeledger.domain.organization.ReleaseInvitationCommand;
import org.handshakeledger.domain.organization.ReserveInvitationCommand;
import org.handshakeledger.domain.organization.StartAllFeaturesMigrationCommand;

/**
 * One handshake's lifecycle. Rules that span handshakes (quotas, membership, feature set) belong to the
 * organization and account aggregates; this aggregate asks them through nested commands, which run in the same
 * unit of work and transaction, so a refusal anywhere rolls the whole request back.
 *
 * <p>Time comes from commands and deadlines only. Every handshake schedules its expiry when it is created and, once
 * it settles, cancels that deadline by the id its creating event recorded and schedules its deletion from the
 * AWS-facing views {@code retention} later. Both deadlines are durable (stored with the events in one transaction)
 * and may fire late or twice; their handlers ignore what no longer applies.
 */
@Aggregate(cache = "aggregateCache")
public class HandshakeAggregate {
    @AggregateIdentifier
    private HandshakeId id;
    private HandshakeAction action;
    private OrganizationProfile organization;
    private HandshakeParty target;
    private AccountId recipientAccountId;
    private HandshakeId parentId;
    private List<Tag> tags = List.of();
    private List<HandshakeId> approvals = List.of();
    private Set<HandshakeId> pendingApprovals = new LinkedHashSet<>();
    private HandshakeState state;
    private Instant expiresAt;
    private Duration retention;
    private String expiryScheduleId;

    protected HandshakeAggregate() {
        // required by Axon
    }

    @CommandHandler
    public HandshakeAggregate(InviteAccountToOrganizationCommand cmd, CommandGateway commands,
                              DeadlineManager deadlines) {
        OrganizationProfile org = commands.sendAndWait(new ReserveInvitationCommand(cmd.organizationId(),
                cmd.handshakeId(), cmd.caller(), cmd.targetKey(), cmd.recipientAccountId(), cmd.requestedAt(),
                cmd.expiresAt(), cmd.limits()));
        String expiryId = scheduleExpiry(cmd.handshakeId(), cmd.expiresAt(), deadlines);
        apply(new AccountInvitedEvent(cmd.handshakeId(), org, cmd.target(), cmd.recipientAccountId(), cmd.notes(),
                cmd.tags(), cmd.caller(), cmd.requestedAt(), cmd.expiresAt(), cmd.retention(), expiryId));
    }

    @CommandHandler
    public HandshakeAggregate(EnableAllFeaturesCommand cmd, CommandGateway commands, DeadlineManager deadlines) {
        AllFeaturesMigrationPlan plan = commands.sendAndWait(new StartAllFeaturesMigrationCommand(
                cmd.organizationId(), cmd.handshakeId(), cmd.caller(), cmd.requestedAt(), cmd.expiresAt()));
        List<HandshakeId> children = plan.invitedMembers().stream().map(cmd.handshakeId()::approvalFor).toList();
        HandshakeState initial = children.isEmpty() ? HandshakeState.OPEN : HandshakeState.REQUESTED;
        String expiryId = scheduleExpiry(cmd.handshakeId(), cmd.expiresAt(), deadlines);
        apply(new AllFeaturesRequestedEvent(cmd.handshakeId(), plan.organization(), children, initial, cmd.caller(),
                cmd.requestedAt(), cmd.expiresAt(), cmd.retention(), expiryId));
        for (HandshakeId invitation : plan.openInvitations()) {
            commands.sendAndWait(new CloseHandshakeCommand(invitation, HandshakeState.CANCELED,
                    CloseReason.ALL_FEATURES_MIGRATION_STARTED, cmd.requestedAt()));
        }
        for (AccountId member : plan.invitedMembers()) {
            commands.sendAndWait(new RequestAllFeaturesApprovalCommand(cmd.handshakeId().approvalFor(member),
                    cmd.handshakeId(), plan.organization(), member, cmd.requestedAt(), cmd.expiresAt(),
                    cmd.retention()));
        }
    }

    /**
     * An approval has no expiry deadline of its own: it shares its parent's expiration time, and the parent's
     * deadline expires it. Two deadlines due at the same instant would race, the parent's trying to cancel the
     * child's while it runs.
     */
    @CommandHandler
    public HandshakeAggregate(RequestAllFeaturesApprovalCommand cmd) {
        apply(new AllFeaturesApprovalRequestedEvent(cmd.handshakeId(), cmd.parentId(), cmd.organization(),
                cmd.member(), cmd.requestedAt(), cmd.expiresAt(), cmd.retention(), null));
    }

    @CommandHandler
    public void handle(AcceptHandshakeCommand cmd, CommandGateway commands, DeadlineManager deadlines) {
        boolean mayAccept = action == HandshakeAction.ENABLE_ALL_FEATURES
                ? isOriginator(cmd.caller())
                : isRecipient(cmd.caller(), cmd.callerEmail());
        if (!mayAccept) {
            throw new AccessDeniedException();
        }
        requireTransition(cmd.requestedAt(), HandshakeState.ACCEPTED, EnumSet.of(HandshakeState.OPEN));
        switch (action) {
            case INVITE -> commands.sendAndWait(new AdmitInvitedAccountCommand(organization.id(), id, cmd.caller(),
                    cmd.callerEmail(), cmd.callerName(), tags, cmd.requestedAt(), cmd.acceptWhileMember()));
            case ENABLE_ALL_FEATURES -> commands.sendAndWait(
                    new CompleteAllFeaturesMigrationCommand(organization.id(), id, cmd.requestedAt()));
            default -> {
                // an approval: the parent hears about it after this handshake is accepted
            }
        }
        apply(new HandshakeAcceptedEvent(id, cmd.caller(), cmd.requestedAt(),
                settle(cmd.requestedAt(), deadlines)));
        if (action == HandshakeAction.APPROVE_ALL_FEATURES) {
            commands.sendAndWait(new SettleAllFeaturesApprovalCommand(parentId, id, cmd.requestedAt()));
        }
    }

    @CommandHandler
    public void handle(DeclineHandshakeCommand cmd, CommandGateway commands, DeadlineManager deadlines) {
        // the parent has no recipient: nobody may decline it
        if (action == HandshakeAction.ENABLE_ALL_FEATURES || !isRecipient(cmd.caller(), cmd.callerEmail())) {
            throw new AccessDeniedException();
        }
        requireTransition(cmd.requestedAt(), HandshakeState.DECLINED, EnumSet.of(HandshakeState.OPEN));
        apply(new HandshakeDeclinedEvent(id, cmd.caller(), cmd.requestedAt(), settle(cmd.requestedAt(), deadlines)));
        if (action == HandshakeAction.INVITE) {
            commands.sendAndWait(new ReleaseInvitationCommand(organization.id(), id, cmd.requestedAt()));
        }
    }

    @CommandHandler
    public void handle(CancelHandshakeCommand cmd, CommandGateway commands, DeadlineManager deadlines) {
        if (!isOriginator(cmd.caller())) {
            throw new AccessDeniedException();
        }
        requireTransition(cmd.requestedAt(), HandshakeState.CANCELED,
                EnumSet.of(HandshakeState.OPEN, HandshakeState.REQUESTED));
        apply(new HandshakeCanceledEvent(id, cmd.caller(), CloseReason.CANCELED_BY_ORIGINATOR, cmd.requestedAt(),
                settle(cmd.requestedAt(), deadlines)));
        releaseWhatThisHeld(HandshakeState.CANCELED, CloseReason.ALL_FEATURES_REQUEST_CANCELED, cmd.requestedAt(),
                commands);
    }

    /** Expiry on request of the ledger; the same as the expiry deadline firing. */
    @CommandHandler
    public void handle(ExpireHandshakeCommand cmd, CommandGateway commands, DeadlineManager deadlines) {
        if (isExpiryDue(cmd.dueAt())) {
            expire(commands, settle(expiresAt, deadlines));
        }
    }

    /** May fire late or twice: a settled handshake, or an expiry that was moved, ignores it. */
    @DeadlineHandler(deadlineName = HandshakeDeadlines.EXPIRY)
    void on(ExpiryDue due, CommandGateway commands, DeadlineManager deadlines) {
        if (isExpiryDue(due.dueAt())) {
            // this deadline is the one running: db-scheduler refuses to cancel an executing task
            expire(commands, scheduleRetention(expiresAt, deadlines));
        }
    }

    /** The retention period is over: the handshake leaves the AWS-facing views for good. */
    @DeadlineHandler(deadlineName = HandshakeDeadlines.RETENTION)
    void on(RetentionDue due) {
        if (state.isPending()) {
            return;
        }
        apply(new HandshakeDeletedEvent(id, due.dueAt()));
    }

    @CommandHandler
    public void handle(CloseHandshakeCommand cmd, DeadlineManager deadlines) {
        if (!state.isPending()) {
            return;
        }
        if (stateAt(cmd.at()) == HandshakeState.EXPIRED) {
            // it expired before this close arrived (deadline late): EXPIRED is terminal, not a later cancellation
            apply(new HandshakeExpiredEvent(id, expiresAt, settle(expiresAt, deadlines)));
        } else if (cmd.outcome() == HandshakeState.EXPIRED) {
            apply(new HandshakeExpiredEvent(id, cmd.at(), settle(cmd.at(), deadlines)));
        } else {
            apply(new HandshakeCanceledEvent(id, null, cmd.reason(), cmd.at(), settle(cmd.at(), deadlines)));
        }
    }

    @CommandHandler
    public void handle(SettleAllFeaturesApprovalCommand cmd) {
        if (stateAt(cmd.at()) != HandshakeState.REQUESTED || !pendingApprovals.contains(cmd.approvalId())) {
            return;
        }
        apply(new AllFeaturesApprovalSettledEvent(id, cmd.approvalId(), cmd.at()));
        if (pendingApprovals.isEmpty()) {
            apply(new HandshakeOpenedEvent(id, cmd.at()));
        }
    }

    private boolean isExpiryDue(Instant dueAt) {
        return state.isPending() && !dueAt.isBefore(expiresAt);
    }

    private void expire(CommandGateway commands, String retentionScheduleId) {
        apply(new HandshakeExpiredEvent(id, expiresAt, retentionScheduleId));
        releaseWhatThisHeld(HandshakeState.EXPIRED, CloseReason.ALL_FEATURES_REQUEST_EXPIRED, expiresAt, commands);
    }

    private static String scheduleExpiry(HandshakeId handshake, Instant expiresAt, DeadlineManager deadlines) {
        return deadlines.schedule(expiresAt, HandshakeDeadlines.EXPIRY, new ExpiryDue(handshake, expiresAt));
    }

    /**
     * The handshake settles at {@code settledAt}: its expiry deadline is no longer needed (cancelled by its id, never
     * by a scan) and its deletion is due {@code retention} later. Returns the deletion deadline's id.
     */
    private String settle(Instant settledAt, DeadlineManager deadlines) {
        if (expiryScheduleId != null) {
            deadlines.cancelSchedule(HandshakeDeadlines.EXPIRY, expiryScheduleId);
        }
        return scheduleRetention(settledAt, deadlines);
    }

    private String scheduleRetention(Instant settledAt, DeadlineManager deadlines) {
        Instant deleteAt = settledAt.plus(retention);
        return deadlines.schedule(deleteAt, HandshakeDeadlines.RETENTION, new RetentionDue(id, deleteAt));
    }

    private void releaseWhatThisHeld(HandshakeState outcome, CloseReason childReason, Instant at,
                                     CommandGateway commands) {
        if (action == HandshakeAction.INVITE) {
            commands.sendAndWait(new ReleaseInvitationCommand(organization.id(), id, at));
        } else if (action == HandshakeAction.ENABLE_ALL_FEATURES) {
            for (HandshakeId approval : approvals) {
                commands.sendAndWait(new CloseHandshakeCommand(approval, outcome, childReason, at));
            }
            commands.sendAndWait(new EndAllFeaturesMigrationCommand(organization.id(), id, at));
        }
    }

    /** Same state → already in state; any other state not in {@code from} (or lazily expired) → invalid move. */
    private void requireTransition(Instant now, HandshakeState to, Set<HandshakeState> from) {
        HandshakeState current = stateAt(now);
        if (current == to) {
            throw new HandshakeAlreadyInStateException(id, current);
        }
        if (!from.contains(current)) {
            throw new InvalidHandshakeTransitionException(id, current, to);
        }
    }

    private HandshakeState stateAt(Instant now) {
        return state.isPending() && !now.isBefore(expiresAt) ? HandshakeState.EXPIRED : state;
    }

    private boolean isOriginator(AccountId caller) {
        return organization.managementAccountId().equals(caller);
    }

    private boolean isRecipient(AccountId caller, String callerEmail) {
        if (action == HandshakeAction.APPROVE_ALL_FEATURES) {
            return caller.equals(recipientAccountId);
        }
        if (caller.equals(recipientAccountId)) {
            return true;
        }
        return target.type() == PartyType.EMAIL && callerEmail != null && target.id().equalsIgnoreCase(callerEmail);
    }

    @EventSourcingHandler
    void on(AccountInvitedEvent e) {
        id = e.handshakeId();
        action = HandshakeAction.INVITE;
        organization = e.organization();
        target = e.target();
        recipientAccountId = e.recipientAccountId();
        tags = e.tags() == null ? List.of() : List.copyOf(e.tags());
        state = HandshakeState.OPEN;
        expiresAt = e.expiresAt();
        retention = e.retention();
        expiryScheduleId = e.expiryScheduleId();
    }

    @EventSourcingHandler
    void on(AllFeaturesRequestedEvent e) {
        id = e.handshakeId();
        action = HandshakeAction.ENABLE_ALL_FEATURES;
        organization = e.organization();
        approvals = List.copyOf(e.approvals());
        pendingApprovals = new LinkedHashSet<>(e.approvals());
        state = e.initialState();
        expiresAt = e.expiresAt();
        retention = e.retention();
        expiryScheduleId = e.expiryScheduleId();
    }

    @EventSourcingHandler
    void on(AllFeaturesApprovalRequestedEvent e) {
        id = e.handshakeId();
        action = HandshakeAction.APPROVE_ALL_FEATURES;
        organization = e.organization();
        parentId = e.parentId();
        recipientAccountId = e.member();
        target = new HandshakeParty(e.member().value(), PartyType.ACCOUNT);
        state = HandshakeState.OPEN;
        expiresAt = e.expiresAt();
        retention = e.retention();
        expiryScheduleId = e.expiryScheduleId();
    }

    @EventSourcingHandler
    void on(AllFeaturesApprovalSettledEvent e) {
        pendingApprovals.remove(e.approvalId());
    }

    @EventSourcingHandler
    void on(HandshakeOpenedEvent e) {
        state = HandshakeState.OPEN;
    }

    @EventSourcingHandler
    void on(HandshakeAcceptedEvent e) {
        state = HandshakeState.ACCEPTED;
    }

    @EventSourcingHandler
    void on(HandshakeDeclinedEvent e) {
        state = HandshakeState.DECLINED;
    }

    @EventSourcingHandler
    void on(HandshakeCanceledEvent e) {
        state = HandshakeState.CANCELED;
    }

    @EventSourcingHandler
    void on(HandshakeExpiredEvent e) {
        state = HandshakeState.EXPIRED;
    }

    /** Here, not in the deadline handler, so that every later load sees it deleted (AggregateDeletedException). */
    @EventSourcingHandler
    void on(HandshakeDeletedEvent e) {
        markDeleted();
    }
}
