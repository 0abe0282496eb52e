package org.handshakeledger.domain.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
import org.handshakeledger.domain.account.ClaimMembershipCommand;
import org.handshakeledger.domain.account.ReleaseMembershipCommand;
import org.handshakeledger.domain.handshake.CloseHandshakeCommand;
import org.handshakeledger.domain.handshake.CloseReason;
import org.handshakeledger.domain.handshake.DuplicateHandshakeException;
import org.handshakeledger.domain.handshake.HandshakeConstraintViolationException;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.SettleAllFeaturesApprovalCommand;

/**
 * An organization's membership, feature set and quotas. Every invitation reserves an account slot here before it
 * exists, so the quota holds however many requests race: Axon serialises commands on one aggregate, and the
 * event store's unique (aggregate, sequence) key serialises them across nodes.
 */
@Aggregate(cache = "aggregateCache")
public class OrganizationAggregate {
    private static final Duration RATE_WINDOW = Duration.ofHours(24);

    @AggregateIdentifier
    private OrganizationId id;
    private OrganizationProfile profile;
    private boolean deleted;
    private final Map<AccountId, JoinedMethod> members = new LinkedHashMap<>();
    /** Open invitations holding an account slot, by handshake. */
    private final Map<HandshakeId, Reservation> reservations = new LinkedHashMap<>();
    /** Invitation attempts of the last 24 hours that were not accepted, by handshake. */
    private final Map<HandshakeId, Instant> attempts = new LinkedHashMap<>();
    private Migration migration;

    private record Reservation(String targetKey, AccountId recipient, Instant expiresAt) {
    }

    private record Migration(HandshakeId parentId, List<AccountId> invitedMembers, Instant expiresAt) {
    }

    protected OrganizationAggregate() {
        // required by Axon
    }

    @CommandHandler
    public OrganizationAggregate(StartOrganizationCommand cmd) {
        apply(new OrganizationCreatedEvent(new OrganizationProfile(cmd.organizationId(), cmd.management(),
                cmd.managementEmail(), cmd.managementName(), cmd.featureSet()), cmd.requestedAt()));
    }

    @CommandHandler
    public OrganizationProfile handle(ReserveInvitationCommand cmd) {
        requireManagement(cmd.caller());
        Instant now = cmd.requestedAt();
        if (migrationPendingAt(now)) {
            throw new HandshakeConstraintViolationException(
                    "You can't invite accounts while the organization is enabling all features.",
                    HandshakeConstraintViolationException.INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES);
        }
        if (cmd.recipientAccountId() != null && members.containsKey(cmd.recipientAccountId())) {
            throw new HandshakeConstraintViolationException("The account is already a member of an organization.",
                    HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION);
        }
        boolean duplicate = openReservationsAt(now).stream()
                .anyMatch(r -> r.targetKey().equals(cmd.targetKey()));
        if (duplicate) {
            throw new DuplicateHandshakeException();
        }
        if (members.size() + openReservationsAt(now).size() + 1 > cmd.limits().accountsPerOrganization()) {
            throw new HandshakeConstraintViolationException("You have exceeded the allowed number of AWS accounts.",
                    HandshakeConstraintViolationException.ACCOUNT_NUMBER_LIMIT_EXCEEDED);
        }
        long attemptsToday = attempts.values().stream().filter(at -> at.isAfter(now.minus(RATE_WINDOW))).count();
        // spec §5.8: the daily quota is the configured number or the account maximum, whichever is larger
        int dailyAttempts = Math.max(cmd.limits().invitationsPerDay(), cmd.limits().accountsPerOrganization());
        if (attemptsToday + 1 > dailyAttempts) {
            throw new HandshakeConstraintViolationException(
                    "You have sent too many invitations in the last 24 hours.",
                    HandshakeConstraintViolationException.HANDSHAKE_RATE_LIMIT_EXCEEDED);
        }
        apply(new InvitationReservedEvent(id, cmd.handshakeId(), cmd.targetKey(), cmd.recipientAccountId(), now,
                cmd.expiresAt()));
        return profile;
    }

    @CommandHandler
    public void handle(ReleaseInvitationCommand cmd) {
        if (reservations.containsKey(cmd.handshakeId())) {
            apply(new InvitationReleasedEvent(id, cmd.handshakeId(), cmd.at()));
        }
    }

    @CommandHandler
    public void handle(AdmitInvitedAccountCommand cmd, CommandGateway commands) {
        requireExists();
        if (members.containsKey(cmd.account())) {
            throw new HandshakeConstraintViolationException("The account is already a member of this organization.",
                    HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION);
        }
        commands.sendAndWait(new ClaimMembershipCommand(cmd.account(), id, cmd.at(), cmd.acceptWhileMember()));
        apply(new AccountJoinedOrganizationEvent(id, cmd.account(), cmd.email(), cmd.name(), JoinedMethod.INVITED,
                cmd.handshakeId(), cmd.tags(), cmd.at()));
    }

    @CommandHandler
    public AllFeaturesMigrationPlan handle(StartAllFeaturesMigrationCommand cmd) {
        requireManagement(cmd.caller());
        if (profile.featureSet() == FeatureSet.ALL) {
            throw new HandshakeConstraintViolationException("The organization already has all features enabled.",
                    HandshakeConstraintViolationException.ORGANIZATION_ALREADY_HAS_ALL_FEATURES);
        }
        if (migrationPendingAt(cmd.requestedAt())) {
            throw new HandshakeConstraintViolationException(
                    "The organization is already in the process of enabling all features.",
                    HandshakeConstraintViolationException.ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION);
        }
        List<AccountId> invitedMembers = members.entrySet().stream()
                .filter(m -> m.getValue() == JoinedMethod.INVITED)
                .map(Map.Entry::getKey)
                .filter(account -> !account.equals(profile.managementAccountId()))
                .toList();
        List<HandshakeId> openInvitations = reservations.entrySet().stream()
                .filter(r -> r.getValue().expiresAt().isAfter(cmd.requestedAt()))
                .map(Map.Entry::getKey)
                .toList();
        apply(new AllFeaturesMigrationStartedEvent(id, cmd.parentId(), invitedMembers, openInvitations,
                cmd.requestedAt(), cmd.expiresAt()));
        return new AllFeaturesMigrationPlan(profile, invitedMembers, openInvitations);
    }

    @CommandHandler
    public void handle(CompleteAllFeaturesMigrationCommand cmd) {
        if (isCurrentMigration(cmd.parentId())) {
            apply(new AllFeaturesEnabledEvent(id, cmd.parentId(), cmd.at()));
        }
    }

    @CommandHandler
    public void handle(EndAllFeaturesMigrationCommand cmd) {
        if (isCurrentMigration(cmd.parentId())) {
            apply(new AllFeaturesMigrationEndedEvent(id, cmd.parentId(), cmd.at()));
        }
    }

    @CommandHandler
    public void handle(RemoveAccountFromOrganizationCommand cmd, CommandGateway commands) {
        requireManagement(cmd.caller());
        if (cmd.member().equals(profile.managementAccountId())) {
            throw new MasterCannotLeaveOrganizationException();
        }
        if (!members.containsKey(cmd.member())) {
            throw new AccountNotFoundException();
        }
        commands.sendAndWait(new ReleaseMembershipCommand(cmd.member(), id, cmd.requestedAt()));
        depart(cmd.member(), DepartureReason.REMOVED, cmd.requestedAt(), commands);
    }

    @CommandHandler
    public void handle(RemoveDepartingMemberCommand cmd, CommandGateway commands) {
        if (members.containsKey(cmd.member())) {
            depart(cmd.member(), cmd.reason(), cmd.at(), commands);
        }
    }

    @CommandHandler
    public void handle(DeleteOrganizationCommand cmd, CommandGateway commands) {
        requireManagement(cmd.caller());
        if (members.size() > 1) {
            throw new OrganizationNotEmptyException();
        }
        for (HandshakeId invitation : List.copyOf(reservations.keySet())) {
            commands.sendAndWait(new CloseHandshakeCommand(invitation, HandshakeState.CANCELED,
                    CloseReason.ORGANIZATION_DELETED, cmd.requestedAt()));
        }
        if (migrationPendingAt(cmd.requestedAt())) {
            commands.sendAndWait(new CloseHandshakeCommand(migration.parentId(), HandshakeState.CANCELED,
                    CloseReason.ORGANIZATION_DELETED, cmd.requestedAt()));
        }
        commands.sendAndWait(new ReleaseMembershipCommand(cmd.caller(), id, cmd.requestedAt()));
        apply(new OrganizationDeletedEvent(id, cmd.caller(), cmd.requestedAt()));
    }

    /** A departing member's pending approval no longer blocks enabling all features (spec §10 #26). */
    private void depart(AccountId member, DepartureReason reason, Instant at, CommandGateway commands) {
        apply(new AccountLeftOrganizationEvent(id, member, reason, at));
        if (migrationPendingAt(at) && migration.invitedMembers().contains(member)) {
            HandshakeId approval = migration.parentId().approvalFor(member);
            commands.sendAndWait(new CloseHandshakeCommand(approval, HandshakeState.CANCELED,
                    CloseReason.MEMBER_LEFT_ORGANIZATION, at));
            commands.sendAndWait(new SettleAllFeaturesApprovalCommand(migration.parentId(), approval, at));
        }
    }

    private void requireExists() {
        if (deleted) {
            throw new AwsOrganizationsNotInUseException();
        }
    }

    private void requireManagement(AccountId caller) {
        requireExists();
        if (!members.containsKey(caller)) {
            throw new AwsOrganizationsNotInUseException();
        }
        if (!profile.managementAccountId().equals(caller)) {
            throw new AccessDeniedException();
        }
    }

    private List<Reservation> openReservationsAt(Instant now) {
        return reservations.values().stream().filter(r -> r.expiresAt().isAfter(now)).toList();
    }

    private boolean migrationPendingAt(Instant now) {
        return migration != null && migration.expiresAt().isAfter(now);
    }

    private boolean isCurrentMigration(HandshakeId parentId) {
        return migration != null && migration.parentId().equals(parentId);
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
        attempts.values().removeIf(at -> !at.isAfter(e.reservedAt().minus(RATE_WINDOW)));
        reservations.put(e.handshakeId(), new Reservation(e.targetKey(), e.recipientAccountId(), e.expiresAt()));
        attempts.put(e.handshakeId(), e.reservedAt());
    }

    @EventSourcingHandler
    void on(InvitationReleasedEvent e) {
        reservations.remove(e.handshakeId());
    }

    @EventSourcingHandler
    void on(AccountJoinedOrganizationEvent e) {
        members.put(e.accountId(), e.joinedMethod());
        reservations.remove(e.handshakeId());
        attempts.remove(e.handshakeId());
    }

    @EventSourcingHandler
    void on(AccountLeftOrganizationEvent e) {
        members.remove(e.accountId());
    }

    @EventSourcingHandler
    void on(AllFeaturesMigrationStartedEvent e) {
        migration = new Migration(e.parentId(), List.copyOf(e.invitedMembers()), e.expiresAt());
        e.withdrawnInvitations().forEach(reservations::remove);
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
        migration = null;
    }
}
