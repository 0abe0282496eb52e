package org.handshakeledger.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.AwsOrganizationsNotInUseException;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.handshake.HandshakeConstraintViolationException;

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

    public AccountAggregate() {
        // an account that has never been in an organization: its first membership change creates it
    }

    /** The organization the account is in, or null. */
    public OrganizationId organizationId() {
        return organizationId;
    }

    /** A standalone account becomes the management account of a new organization. */
    public void claimManagement(AccountId account, OrganizationId organization, Instant at) {
        if (organizationId != null) {
            throw new AlreadyInOrganizationException();
        }
        apply(new AccountMembershipClaimedEvent(account, organization, true, at));
    }

    /**
     * Joining while in another organization (spec §5.6): under MOVE a member leaves it first and a management account
     * cannot; under REJECT every account already in an organization is refused. Answers the organization the account
     * must leave, or null.
     */
    public OrganizationId requireMayJoin(AcceptWhileMember policy) {
        if (organizationId == null) {
            return null;
        }
        if (policy == AcceptWhileMember.REJECT) {
            throw new HandshakeConstraintViolationException("The account is already a member of an organization.",
                    HandshakeConstraintViolationException.ALREADY_IN_AN_ORGANIZATION);
        }
        if (management) {
            throw new MasterCannotLeaveOrganizationException();
        }
        return organizationId;
    }

    /** The account joins {@code organization}, leaving the one it was in (checked by {@link #requireMayJoin}). */
    public void join(AccountId account, OrganizationId organization, AcceptWhileMember policy, Instant at) {
        OrganizationId previous = requireMayJoin(policy);
        if (previous != null) {
            apply(new AccountMembershipReleasedEvent(account, previous, at));
        }
        apply(new AccountMembershipClaimedEvent(account, organization, false, at));
    }

    /** A member leaves on its own: an account in no organization, or a management account, cannot. */
    public OrganizationId requireMayLeave() {
        if (organizationId == null) {
            throw new AwsOrganizationsNotInUseException();
        }
        if (management) {
            throw new MasterCannotLeaveOrganizationException();
        }
        return organizationId;
    }

    /** The account is no longer a member of {@code organization} (it left, was removed, or the organization went). */
    public void release(OrganizationId organization, Instant at) {
        if (organization.equals(organizationId)) {
            apply(new AccountMembershipReleasedEvent(id, organization, at));
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
