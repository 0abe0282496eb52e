package org.handshakeledger.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.handshake.HandshakeConstraintViolationException;
import org.handshakeledger.domain.organization.DepartureReason;
import org.handshakeledger.domain.organization.RemoveDepartingMemberCommand;
import org.handshakeledger.domain.organization.StartOrganizationCommand;

/**
 * Which organization an account belongs to. Every change of membership passes through here, so two racing
 * accepts can never leave one account in two organizations. Accounts come from the directory, not from a
 * command, so the aggregate starts to exist with its first membership change.
 */
@Aggregate(cache = "aggregateCache")
public class AccountAggregate {
    @AggregateIdentifier
    private AccountId id;
    private OrganizationId organizationId;
    private boolean management;

    protected AccountAggregate() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateOrganizationCommand cmd, CommandGateway commands) {
        if (organizationId != null) {
            throw new AlreadyInOrganizationException();
        }
        apply(new AccountMembershipClaimedEvent(cmd.caller(), cmd.organizationId(), true, cmd.requestedAt()));
        commands.sendAndWait(new StartOrganizationCommand(cmd.organizationId(), cmd.caller(), cmd.callerEmail(),
                cmd.callerName(), cmd.featureSet(), cmd.requestedAt()));
    }

    /**
     * Joining while in another organization (spec §5.6): under MOVE a member leaves it first and a management account
     * cannot; under REJECT every account already in an organization is refused.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ClaimMembershipCommand cmd, CommandGateway commands) {
        if (organizationId != null) {
            switch (cmd.acceptWhileMember()) {
                case REJECT -> throw new HandshakeConstraintViolationException(
                        "The account is already a member of an organization.",
                        HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION);
                case MOVE -> moveOut(cmd, commands);
            }
        }
        apply(new AccountMembershipClaimedEvent(cmd.accountId(), cmd.organizationId(), false, cmd.at()));
    }

    private void moveOut(ClaimMembershipCommand cmd, CommandGateway commands) {
        if (management) {
            throw new MasterCannotLeaveOrganizationException();
        }
        OrganizationId previous = organizationId;
        apply(new AccountMembershipReleasedEvent(cmd.accountId(), previous, cmd.at()));
        commands.sendAndWait(new RemoveDepartingMemberCommand(previous, cmd.accountId(),
                DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION, cmd.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(LeaveOrganizationCommand cmd, CommandGateway commands) {
        if (organizationId == null) {
            throw new AwsOrganizationsNotInUseException();
        }
        if (management) {
            throw new MasterCannotLeaveOrganizationException();
        }
        OrganizationId previous = organizationId;
        apply(new AccountMembershipReleasedEvent(cmd.caller(), previous, cmd.requestedAt()));
        commands.sendAndWait(new RemoveDepartingMemberCommand(previous, cmd.caller(), DepartureReason.LEFT,
                cmd.requestedAt()));
    }

    @CommandHandler
    public void handle(ReleaseMembershipCommand cmd) {
        if (cmd.organizationId().equals(organizationId)) {
            apply(new AccountMembershipReleasedEvent(cmd.accountId(), cmd.organizationId(), cmd.at()));
        }
    }

    @EventSourcingHandler
    void on(AccountMembershipClaimedEvent e) {
        id = e.accountId();
        organizationId = e.organizationId();
        management = e.management();
    }

    @EventSourcingHandler
    void on(AccountMembershipReleasedEvent e) {
        id = e.accountId();
        organizationId = null;
        management = false;
    }
}
