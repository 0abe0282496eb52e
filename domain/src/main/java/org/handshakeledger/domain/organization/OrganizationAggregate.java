package org.handshakeledger.domain.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.handshakeledger.domain.AccessDeniedException;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.account.CreateOrganizationCommand;
import org.handshakeledger.domain.handshake.DuplicateHandshakeException;
import org.handshakeledger.domain.handshake.HandshakeConstraintViolationException;

/**
 * An organization's membership, feature set and quotas. Every invitation reserves an account slot here before it
 * exists, so the quota holds however many requests race: commands on one organization are serialised, and the
 * event store's unique (aggregate, sequence) key serialises them across instances.
 *
 * <p>An invitation or an all-features request holds what it reserved until it is answered or until its expiration
 * time, whichever comes first: the checks below count only what has not expired, so an expiry needs no event here.
 */
@Aggregate(cache = "aggregateCache")
public class OrganizationAggregate {
    private static final Duration RATE_WINDOW = Duration.ofHours(24);

    @AggregateIdentifier
    private OrganizationId id;
    private OrganizationProfile profile;
    private boolean deleted;
    private final Map<AccountId, JoinedMethod> members = new LinkedHashMap<>();
    /** Invitations holding an account slot until they expire, by handshake. */
    private final Map<HandshakeId, Reservation> reservations = new LinkedHashMap<>();
    /** The same invitations by the key of their target, for the duplicate check. */
    private final Map<String, Reservation> reservationsByTarget = new HashMap<>();
    /** Invitation attempts of the last 24 hours that were not accepted, by handshake. */
    private final Map<HandshakeId, Instant> attempts = new LinkedHashMap<>();
    private Migration migration;

    private record Reservation(HandshakeId handshakeId, String targetKey, Instant expiresAt) {
    }

    private record Migration(HandshakeId parentId, List<AccountId> invitedMembers, Instant expiresAt) {
    }

    protected OrganizationAggregate() {
        // required by Axon
    }

    /** Created for the account that asked, once that account has been claimed as its management account. */
    public OrganizationAggregate(CreateOrganizationCommand cmd) {
        apply(new OrganizationCreatedEvent(new OrganizationProfile(cmd.organizationId(), cmd.caller(),
                cmd.callerEmail(), cmd.callerName(), cmd.featureSet()), cmd.requestedAt()));
    }

    /**
     * A slot for a new invitation: the caller must manage the organization, no all-features migration may be
     * pending, the target may not be a member or already invited, and both quotas must have room (spec §5.8).
     * Answers with the profile the invitation shows its recipient.
     */
    public OrganizationProfile reserveInvitation(HandshakeId handshakeId, AccountId caller, String targetKey,
                                                 AccountId recipient, Instant now, Instant expiresAt,
                                                 InvitationLimits limits) {
        requireManagement(caller);
        if (migrationPendingAt(now)) {
            throw new HandshakeConstraintViolationException(
                    "You can't invite accounts while the organization is enabling all features.",
                    HandshakeConstraintViolationException.INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES);
        }
        if (recipient != null && members.containsKey(recipient)) {
            throw new HandshakeConstraintViolationException("The account is already a member of an organization.",
                    HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION);
        }
        Reservation sameTarget = reservationsByTarget.get(targetKey);
        if (sameTarget != null && sameTarget.expiresAt().isAfter(now)) {
            throw new DuplicateHandshakeException();
        }
        if (members.size() + openReservationsAt(now) + 1 > limits.accountsPerOrganization()) {
            throw new HandshakeConstraintViolationException("You have exceeded the allowed number of AWS accounts.",
                    HandshakeConstraintViolationException.ACCOUNT_NUMBER_LIMIT_EXCEEDED);
        }
        long attemptsToday = attempts.values().stream().filter(at -> at.isAfter(now.minus(RATE_WINDOW))).count();
        // spec §5.8: the daily quota is the configured number or the account maximum, whichever is larger
        int dailyAttempts = Math.max(limits.invitationsPerDay(), limits.accountsPerOrganization());
        if (attemptsToday + 1 > dailyAttempts) {
            throw new HandshakeConstraintViolationException(
                    "You have sent too many invitations in the last 24 hours.",
                    HandshakeConstraintViolationException.HANDSHAKE_RATE_LIMIT_EXCEEDED);
        }
        apply(new InvitationReservedEvent(id, handshakeId, targetKey, recipient, now, expiresAt));
        return profile;
    }

    /** Frees the slot of an invitation that was declined or canceled. */
    public void releaseInvitation(HandshakeId handshakeId, Instant at) {
        if (reservations.containsKey(handshakeId)) {
            apply(new InvitationReleasedEvent(id, handshakeId, at));
        }
    }

    /** The organization must still exist and the account that accepted an invitation may not be a member yet. */
    public void requireMayAdmit(AccountId account) {
        requireExists();
        if (members.containsKey(account)) {
            throw new HandshakeConstraintViolationException("The account is already a member of this organization.",
                    HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION);
        }
    }

    /** The account that accepted invitation {@code handshakeId} joins, with the invitation's tags. */
    public void admit(AccountId account, String email, String name, HandshakeId handshakeId,
                      List<Tag> tags, Instant at) {
        requireMayAdmit(account);
        apply(new AccountJoinedOrganizationEvent(id, account, email, name, JoinedMethod.INVITED, handshakeId, tags,
                at));
    }

    /**
     * Opens the enable-all-features flow: only for the management account of a CONSOLIDATED_BILLING organization
     * with no migration pending. Every member that joined by invitation must approve; open invitations are withdrawn.
     */
    public AllFeaturesMigrationPlan startAllFeaturesMigration(HandshakeId parentId, AccountId caller, Instant now,
                                                              Instant expiresAt) {
        requireManagement(caller);
        if (profile.featureSet() == FeatureSet.ALL) {
            throw new HandshakeConstraintViolationException("The organization already has all features enabled.",
                    HandshakeConstraintViolationException.ORGANIZATION_ALREADY_HAS_ALL_FEATURES);
        }
        if (migrationPendingAt(now)) {
            throw new HandshakeConstraintViolationException(
                    "The organization is already in the process of enabling all features.",
                    HandshakeConstraintViolationException.ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION);
        }
        List<AccountId> invitedMembers = members.entrySet().stream()
                .filter(m -> m.getValue() == JoinedMethod.INVITED)
                .map(Map.Entry::getKey)
                .filter(account -> !account.equals(profile.managementAccountId()))
                .toList();
        List<HandshakeId> openInvitations = reservations.values().stream()
                .filter(r -> r.expiresAt().isAfter(now))
                .map(Reservation::handshakeId)
                .toList();
        apply(new AllFeaturesMigrationStartedEvent(id, parentId, invitedMembers, openInvitations, now, expiresAt));
        return new AllFeaturesMigrationPlan(profile, invitedMembers, openInvitations);
    }

    /** The management account accepted the enable-all-features handshake: the feature set becomes ALL. */
    public void completeAllFeaturesMigration(HandshakeId parentId, Instant at) {
        if (isCurrentMigration(parentId)) {
            apply(new AllFeaturesEnabledEvent(id, parentId, at));
        }
    }

    /** The enable-all-features handshake was canceled: invitations are allowed again. */
    public void endAllFeaturesMigration(HandshakeId parentId, Instant at) {
        if (isCurrentMigration(parentId)) {
            apply(new AllFeaturesMigrationEndedEvent(id, parentId, at));
        }
    }

    /** The management account removes a member: never itself, and only an account that is a member. */
    public void requireRemovable(AccountId caller, AccountId member) {
        requireManagement(caller);
        if (member.equals(profile.managementAccountId())) {
            throw new MasterCannotLeaveOrganizationException();
        }
        if (!members.containsKey(member)) {
            throw new AccountNotFoundException();
        }
    }

    /**
     * The approval a member still owes a pending enable-all-features request; once the member has left it no longer
     * blocks the request (spec §10 #26).
     */
    public Optional<PendingApproval> pendingApprovalOf(AccountId member, Instant at) {
        if (migrationPendingAt(at) && migration.invitedMembers().contains(member)) {
            return Optional.of(new PendingApproval(migration.parentId(), migration.parentId().approvalFor(member)));
        }
        return Optional.empty();
    }

    /** A member leaves: on its own, removed, or moving to another organization. */
    public void depart(AccountId member, DepartureReason reason, Instant at) {
        if (members.containsKey(member)) {
            apply(new AccountLeftOrganizationEvent(id, member, reason, at));
        }
    }

    /** The management account may delete the organization once it is its only member. */
    public void requireDeletable(AccountId caller) {
        requireManagement(caller);
        if (members.size() > 1) {
            throw new OrganizationNotEmptyException();
        }
    }

    /**
     * Handshakes that may still hold something here: every reserved invitation (one past its expiration time may not
     * have been recorded as expired yet), and a pending all-features request.
     */
    public List<HandshakeId> handshakesToCloseOnDeletion(Instant at) {
        List<HandshakeId> handshakes = new ArrayList<>(reservations.keySet());
        if (migrationPendingAt(at)) {
            handshakes.add(migration.parentId());
        }
        return handshakes;
    }

    public void delete(AccountId caller, Instant at) {
        requireDeletable(caller);
        apply(new OrganizationDeletedEvent(id, caller, at));
    }

    /** The management account; any account that is not a member of this (existing) organization is told so. */
    public void requireManagement(AccountId caller) {
        requireExists();
        if (!members.containsKey(caller)) {
            throw new AwsOrganizationsNotInUseException();
        }
        if (!profile.managementAccountId().equals(caller)) {
            throw new AccessDeniedException();
        }
    }

    private void requireExists() {
        if (deleted) {
            throw new AwsOrganizationsNotInUseException();
        }
    }

    private long openReservationsAt(Instant now) {
        return reservations.values().stream().filter(r -> r.expiresAt().isAfter(now)).count();
    }

    private boolean migrationPendingAt(Instant now) {
        return migration != null && migration.expiresAt().isAfter(now);
    }

    private boolean isCurrentMigration(HandshakeId parentId) {
        return migration != null && migration.parentId().equals(parentId);
    }

    private void forgetReservation(HandshakeId handshakeId) {
        Reservation removed = reservations.remove(handshakeId);
        if (removed != null) {
            reservationsByTarget.remove(removed.targetKey(), removed);
        }
    }

    @EventSourcingHandler
    void on(OrganizationCreatedEvent e) {
        id = e.organization().id();
        profile = e.organization();
        members.put(profile.managementAccountId(), JoinedMethod.INVITED);
    }

    @EventSourcingHandler
    void on(InvitationReservedEvent e) {
        // forget what can no longer count, so the state stays small however long the organization lives
        reservations.values().removeIf(r -> !r.expiresAt().isAfter(e.reservedAt()));
        reservationsByTarget.values().removeIf(r -> !r.expiresAt().isAfter(e.reservedAt()));
        attempts.values().removeIf(at -> !at.isAfter(e.reservedAt().minus(RATE_WINDOW)));
        Reservation reservation = new Reservation(e.handshakeId(), e.targetKey(), e.expiresAt());
        reservations.put(e.handshakeId(), reservation);
        reservationsByTarget.put(e.targetKey(), reservation);
        attempts.put(e.handshakeId(), e.reservedAt());
    }

    @EventSourcingHandler
    void on(InvitationReleasedEvent e) {
        forgetReservation(e.handshakeId());
    }

    @EventSourcingHandler
    void on(AccountJoinedOrganizationEvent e) {
        members.put(e.accountId(), e.joinedMethod());
        forgetReservation(e.handshakeId());
        attempts.remove(e.handshakeId());
    }

    @EventSourcingHandler
    void on(AccountLeftOrganizationEvent e) {
        members.remove(e.accountId());
    }

    @EventSourcingHandler
    void on(AllFeaturesMigrationStartedEvent e) {
        migration = new Migration(e.parentId(), List.copyOf(e.invitedMembers()), e.expiresAt());
        e.withdrawnInvitations().forEach(this::forgetReservation);
    }

    @EventSourcingHandler
    void on(AllFeaturesMigrationEndedEvent e) {
        migration = null;
    }

    @EventSourcingHandler
    void on(AllFeaturesEnabledEvent e) {
        migration = null;
        profile = profile.withFeatureSet(FeatureSet.ALL);
    }

    @EventSourcingHandler
    void on(OrganizationDeletedEvent e) {
        deleted = true;
        members.clear();
        reservations.clear();
        reservationsByTarget.clear();
        migration = null;
    }
}
