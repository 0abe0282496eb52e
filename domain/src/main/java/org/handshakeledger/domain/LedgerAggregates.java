package org.handshakeledger.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.handshakeledger.domain.account.AccountAggregate;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeAggregate;
import org.handshakeledger.domain.handshake.HandshakeFacts;
import org.handshakeledger.domain.handshake.HandshakeNotFoundException;
import org.handshakeledger.domain.organization.OrganizationAggregate;

/**
 * How the command handlers load aggregates: always in one canonical order, so that two operations on the same
 * aggregates can never wait for each other's locks. The order is organizations, then accounts, then handshakes, and
 * by id within each kind. A handler that needs to know which aggregates an operation touches before it may lock them
 * (the organization of a handshake, the organization an account is in) reads that from the event store first
 * ({@link #factsOf}, {@link #organizationOf}) and, where the answer can change, checks it again once it holds the
 * lock ({@link #requireUnchanged}).
 *
 * <p>The locks are an optimisation: they keep the requests of one instance from racing each other. What keeps the
 * ledger consistent is the event store's unique (aggregate, sequence) key, which refuses the second of two writes
 * based on the same version, in one instance or across several; the loser is retried (see the app's gateway).
 * Loading an aggregate out of order is a programming error and fails at once.
 */
public final class LedgerAggregates {
    private static final String LOAD_ORDER = LedgerAggregates.class.getName() + ".loadOrder";

    private final Repository<OrganizationAggregate> organizations;
    private final Repository<AccountAggregate> accounts;
    private final Repository<HandshakeAggregate> handshakes;
    private final EventStore eventStore;

    public LedgerAggregates(Repository<OrganizationAggregate> organizations, Repository<AccountAggregate> accounts,
                            Repository<HandshakeAggregate> handshakes, EventStore eventStore) {
        this.organizations = organizations;
        this.accounts = accounts;
        this.handshakes = handshakes;
        this.eventStore = eventStore;
    }

    /** The kinds of aggregate, in the order they are loaded. */
    private enum Kind {
        ORGANIZATION, ACCOUNT, HANDSHAKE
    }

    public Aggregate<OrganizationAggregate> organization(OrganizationId id) {
        claim(Kind.ORGANIZATION, id.value());
        try {
            return organizations.load(id.value());
        } catch (AggregateNotFoundException e) {
            throw new AwsOrganizationsNotInUseException();
        }
    }

    /** Organizations in id order; null ids are skipped. */
    public List<Aggregate<OrganizationAggregate>> organizations(Collection<OrganizationId> ids) {
        return ids.stream().filter(Objects::nonNull).distinct().sorted(
                Comparator.comparing(OrganizationId::value)).map(this::organization).toList();
    }

    /** An account, in no organization if it has never been in one. */
    public Aggregate<AccountAggregate> account(AccountId id) {
        claim(Kind.ACCOUNT, id.value());
        try {
            return accounts.loadOrCreate(id.value(), AccountAggregate::new);
        } catch (Exception e) {
            throw asUnchecked(e);
        }
    }

    public Aggregate<HandshakeAggregate> handshake(HandshakeId id) {
        claim(Kind.HANDSHAKE, id.value());
        try {
            return handshakes.load(id.value());
        } catch (AggregateNotFoundException e) {
            throw new HandshakeNotFoundException(id.value());
        }
    }

    /** Handshakes in id order. */
    public List<Aggregate<HandshakeAggregate>> handshakes(Collection<HandshakeId> ids) {
        return inIdOrder(ids).stream().map(this::handshake).toList();
    }

    /**
     * Handshakes in id order, leaving out those already deleted after their retention: what an operation closes as
     * a consequence (an approval answered long ago, say) may be gone by then, and needs nothing more.
     */
    public List<Aggregate<HandshakeAggregate>> remainingHandshakes(Collection<HandshakeId> ids) {
        List<Aggregate<HandshakeAggregate>> remaining = new ArrayList<>();
        for (HandshakeId id : inIdOrder(ids)) {
            claim(Kind.HANDSHAKE, id.value());
            try {
                remaining.add(handshakes.load(id.value()));
            } catch (AggregateDeletedException e) {
                // deleted after its retention: settled long ago, nothing to close
            }
        }
        return remaining;
    }

    /** A new organization; its id is new, so nobody else can hold it and the order does not apply. */
    public Aggregate<OrganizationAggregate> newOrganization(Callable<OrganizationAggregate> factory) {
        return create(organizations, factory);
    }

    /** A new handshake; its id is new, so nobody else can hold it and the order does not apply. */
    public Aggregate<HandshakeAggregate> newHandshake(Callable<HandshakeAggregate> factory) {
        return create(handshakes, factory);
    }

    /**
     * What a handshake was created as (its action, organization, parent and approvals), read from its first event
     * without locking it. None of it ever changes, so it needs no second look once the handshake is locked.
     */
    public HandshakeFacts factsOf(HandshakeId id) {
        DomainEventStream events = eventStore.readEvents(id.value());
        if (!events.hasNext()) {
            throw new HandshakeNotFoundException(id.value());
        }
        Object first = events.next().getPayload();
        if (first instanceof AccountInvitedEvent e) {
            return new HandshakeFacts(id, HandshakeAction.INVITE, e.organization().id(), null, List.of());
        }
        if (first instanceof AllFeaturesRequestedEvent e) {
            return new HandshakeFacts(id, HandshakeAction.ENABLE_ALL_FEATURES, e.organization().id(), null,
                    List.copyOf(e.approvals()));
        }
        if (first instanceof AllFeaturesApprovalRequestedEvent e) {
            return new HandshakeFacts(id, HandshakeAction.APPROVE_ALL_FEATURES, e.organization().id(),
                    e.parentId(), List.of());
        }
        throw new IllegalStateException("Handshake " + id + " starts with " + first.getClass().getSimpleName());
    }

    /**
     * The organization an account is in according to the event store, read without locking the account. It can
     * change until the account is locked: check it with {@link #requireUnchanged}.
     */
    public Optional<OrganizationId> organizationOf(AccountId id) {
        OrganizationId current = null;
        DomainEventStream events = eventStore.readEvents(id.value());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayload() instanceof AccountMembershipClaimedEvent claimed) {
                current = claimed.organizationId();
            } else if (event.getPayload() instanceof AccountMembershipReleasedEvent) {
                current = null;
            }
        }
        return Optional.ofNullable(current);
    }

    /**
     * The account, now locked, is still in the organization it was in when the operation decided which aggregates
     * to lock. If not, another request moved it in between: this one is retried from the start, like any request
     * that lost a race.
     */
    public static void requireUnchanged(Aggregate<AccountAggregate> account, Optional<OrganizationId> seen) {
        OrganizationId now = account.invoke(AccountAggregate::organizationId);
        if (!Objects.equals(now, seen.orElse(null))) {
            throw new ConcurrencyException("Account " + account.identifierAsString()
                    + " changed organization while the request was deciding what to lock");
        }
    }

    /** The aggregate with the given id among those an operation loaded. */
    public static <T> Aggregate<T> pick(List<Aggregate<T>> loaded, Object id) {
        return find(loaded, id).orElseThrow(() -> new IllegalStateException(id + " was not loaded"));
    }

    /** The handshake the operation is about, among those it loaded; a deleted one is not found, as AWS says. */
    public static Aggregate<HandshakeAggregate> requireHandshake(List<Aggregate<HandshakeAggregate>> loaded,
                                                                 HandshakeId id) {
        return find(loaded, id).orElseThrow(() -> new HandshakeNotFoundException(id.value()));
    }

    /** The aggregate with the given id among those an operation loaded, if it was there to load. */
    public static <T> Optional<Aggregate<T>> find(List<Aggregate<T>> loaded, Object id) {
        String wanted = id.toString();
        return loaded.stream().filter(a -> wanted.equals(a.identifierAsString())).findFirst();
    }

    private static List<HandshakeId> inIdOrder(Collection<HandshakeId> ids) {
        return ids.stream().distinct().sorted(Comparator.comparing(HandshakeId::value)).toList();
    }

    private static <T> Aggregate<T> create(Repository<T> repository, Callable<T> factory) {
        try {
            return repository.newInstance(factory);
        } catch (Exception e) {
            throw asUnchecked(e);
        }
    }

    private static RuntimeException asUnchecked(Exception e) {
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }

    /**
     * Records that this unit of work loads {@code id} now, and refuses a load that would come before one it already
     * made in the canonical order. Loading the same aggregate again is fine: the repository hands out the copy this
     * unit of work already holds.
     */
    private static void claim(Kind kind, String id) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        LoadOrder order = CurrentUnitOfWork.get().root().getOrComputeResource(LOAD_ORDER, k -> new LoadOrder());
        order.claim(kind, id);
    }

    private static final class LoadOrder {
        private final Set<String> loaded = new HashSet<>();
        private Kind lastKind;
        private String lastId;

        void claim(Kind kind, String id) {
            if (!loaded.add(kind + "/" + id)) {
                return;
            }
            if (lastKind != null) {
                int byKind = kind.compareTo(lastKind);
                if (byKind < 0 || byKind == 0 && id.compareTo(lastId) < 0) {
                    throw new IllegalStateException("Aggregates loaded out of order: " + kind + " " + id
                            + " after " + lastKind + " " + lastId);
                }
            }
            lastKind = kind;
            lastId = id;
        }
    }
}
