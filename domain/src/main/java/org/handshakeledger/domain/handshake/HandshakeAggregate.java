package org.handshakeledger.domain.handshake;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.organization.OrganizationProfile;

/**
 * One handshake's lifecycle: who may answer it, which moves its state allows, and its deadlines. Each method checks
 * the caller, then the state, then time, and only then applies; {@link HandshakeCommandHandler} calls them, together
 * with the organization and account rules an operation also needs.
 *
 * <p>Time comes from commands and deadlines only. Every handshake schedules its expiry when it is created and, once
 * it settles, cancels that deadline by the id its creating event recorded and schedules its deletion from the
 * AWS-facing views {@code retention} later. Both deadlines are durable (stored with the events in one transaction)
 * and may fire late or twice; their handlers ignore what no longer applies. They touch this handshake only: what an
 * expired handshake held elsewhere (a quota slot, a pending all-features migration) lapses on its own, because the
 * organization counts it only until its expiration time.
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

    /** An invitation, once the organization has reserved its slot and answered with its profile. */
    public HandshakeAggregate(InviteAccountToOrganizationCommand cmd, OrganizationProfile org,
                              DeadlineManager deadlines) {
        String expiryId = scheduleExpiry(cmd.handshakeId(), cmd.expiresAt(), deadlines);
        apply(new AccountInvitedEvent(cmd.handshakeId(), org, cmd.target(), cmd.recipientAccountId(), cmd.notes(),
                cmd.tags(), cmd.caller(), cmd.requestedAt(), cmd.expiresAt(), cmd.retention(), expiryId));
    }

    /** The enable-all-features parent: REQUESTED until every approval is in, OPEN at once if none is needed. */
    public HandshakeAggregate(EnableAllFeaturesCommand cmd, OrganizationProfile org, List<HandshakeId> approvals,
                              DeadlineManager deadlines) {
        HandshakeState initial = approvals.isEmpty() ? HandshakeState.OPEN : HandshakeState.REQUESTED;
        String expiryId = scheduleExpiry(cmd.handshakeId(), cmd.expiresAt(), deadlines);
        apply(new AllFeaturesRequestedEvent(cmd.handshakeId(), org, approvals, initial, cmd.caller(),
                cmd.requestedAt(), cmd.expiresAt(), cmd.retention(), expiryId));
    }

    /** One invited member's approval of the parent's request; it expires at the parent's expiration time. */
    public HandshakeAggregate(EnableAllFeaturesCommand cmd, OrganizationProfile org, AccountId member,
                              DeadlineManager deadlines) {
        HandshakeId approvalId = cmd.handshakeId().approvalFor(member);
        String expiryId = scheduleExpiry(approvalId, cmd.expiresAt(), deadlines);
        apply(new AllFeaturesApprovalRequestedEvent(approvalId, cmd.handshakeId(), org, member, cmd.requestedAt(),
                cmd.expiresAt(), cmd.retention(), expiryId));
    }

    /**
     * The recipient accepts an invitation or an approval; the management account accepts the enable-all-features
     * parent once every approval is in.
     */
    public void accept(AcceptHandshakeCommand cmd, DeadlineManager deadlines) {
        boolean mayAccept = action == HandshakeAction.ENABLE_ALL_FEATURES
                ? isOriginator(cmd.caller())
                : isRecipient(cmd.caller(), cmd.callerEmail());
        if (!mayAccept) {
            throw new AccessDeniedException();
        }
        requireTransition(cmd.requestedAt(), HandshakeState.ACCEPTED, EnumSet.of(HandshakeState.OPEN));
        apply(new HandshakeAcceptedEvent(id, cmd.caller(), cmd.requestedAt(), settle(cmd.requestedAt(), deadlines)));
    }

    /** The recipient declines; the enable-all-features parent has no recipient, so nobody may decline it. */
    public void decline(DeclineHandshakeCommand cmd, DeadlineManager deadlines) {
        if (action == HandshakeAction.ENABLE_ALL_FEATURES || !isRecipient(cmd.caller(), cmd.callerEmail())) {
            throw new AccessDeniedException();
        }
        requireTransition(cmd.requestedAt(), HandshakeState.DECLINED, EnumSet.of(HandshakeState.OPEN));
        apply(new HandshakeDeclinedEvent(id, cmd.caller(), cmd.requestedAt(), settle(cmd.requestedAt(), deadlines)));
    }

    /** The originator withdraws a pending handshake. */
    public void cancel(CancelHandshakeCommand cmd, DeadlineManager deadlines) {
        if (!isOriginator(cmd.caller())) {
            throw new AccessDeniedException();
        }
        requireTransition(cmd.requestedAt(), HandshakeState.CANCELED,
                EnumSet.of(HandshakeState.OPEN, HandshakeState.REQUESTED));
        apply(new HandshakeCanceledEvent(id, cmd.caller(), CloseReason.CANCELED_BY_ORIGINATOR, cmd.requestedAt(),
                settle(cmd.requestedAt(), deadlines)));
    }

    /**
     * The ledger closes a still-pending handshake as a consequence of another change (all-features flow started or
     * canceled, member left, organization deleted). A settled handshake is left alone; one that expired before
     * {@code at} (its deadline late) is recorded as expired, because EXPIRED is terminal.
     */
    public void closeIfPending(CloseReason reason, Instant at, DeadlineManager deadlines) {
        if (!state.isPending()) {
            return;
        }
        if (stateAt(at) == HandshakeState.EXPIRED) {
            apply(new HandshakeExpiredEvent(id, expiresAt, settle(expiresAt, deadlines)));
        } else {
            apply(new HandshakeCanceledEvent(id, null, reason, at, settle(at, deadlines)));
        }
    }

    /**
     * One member's approval no longer blocks this enable-all-features parent: the member accepted, or left the
     * organization. When none is left the parent opens for the management account.
     */
    public void settleApproval(HandshakeId approvalId, Instant at) {
        if (stateAt(at) != HandshakeState.REQUESTED || !pendingApprovals.contains(approvalId)) {
            return;
        }
        apply(new AllFeaturesApprovalSettledEvent(id, approvalId, at));
        if (pendingApprovals.isEmpty()) {
            apply(new HandshakeOpenedEvent(id, at));
        }
    }

    /** May fire late or twice: a settled handshake, or an expiry that was moved, ignores it. */
    @DeadlineHandler(deadlineName = HandshakeDeadlines.EXPIRY)
    void on(ExpiryDue due, DeadlineManager deadlines) {
        if (state.isPending() && !due.dueAt().isBefore(expiresAt)) {
            // this deadline is the one running: db-scheduler refuses to cancel an executing task
            apply(new HandshakeExpiredEvent(id, expiresAt, scheduleRetention(expiresAt, deadlines)));
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

    public HandshakeAction action() {
        return action;
    }

    public OrganizationId organizationId() {
        return organization.id();
    }

    /** The recipient of an invitation or approval: the account itself, or the account its email belongs to. */
    private boolean isRecipient(AccountId caller, String callerEmail) {
        if (action == HandshakeAction.APPROVE_ALL_FEATURES) {
            return caller.equals(recipientAccountId);
        }
        if (caller.equals(recipientAccountId)) {
            return true;
        }
        return target.type() == PartyType.EMAIL && callerEmail != null && target.id().equalsIgnoreCase(callerEmail);
    }

    /** The tags an accepted invitation attaches to the account. */
    public List<Tag> tags() {
        return tags;
    }

    /** The enable-all-features parent of an approval; null for other handshakes. */
    public HandshakeId parentId() {
        return parentId;
    }

    /** The approvals of an enable-all-features parent; empty for other handshakes. */
    public List<HandshakeId> approvals() {
        return approvals;
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
