package org.handshakeledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.AbstractThrowableAssert;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.handshakeledger.domain.account.AccountAggregate;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.handshake.HandshakeAggregate;
import org.handshakeledger.domain.handshake.HandshakeCommandHandler;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.OrganizationAggregate;
import org.handshakeledger.domain.organization.OrganizationCommandHandler;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;

/**
 * The whole domain in memory, for rules that span aggregates: the three aggregates on one event store, the real
 * command handlers, and a {@link RecordingDeadlineManager}. Tests state what each aggregate has seen
 * ({@link #givenOrganization}, {@link #givenAccount}, {@link #givenHandshake}; a membership both sides record at once,
 * {@link #givenOrganizationCreated}, {@link #givenJoined}), send one command ({@link #when}), and check every event
 * the command applied, on any aggregate, in order, or the exception it was refused with.
 * Deadline handlers run when the test advances the time ({@link #whenTimeAdvancesTo}).
 */
public final class LedgerFixture {
    private final RecordingDeadlineManager deadlines = new RecordingDeadlineManager();
    private final EventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Configuration configuration;
    private final List<EventMessage<?>> published = new ArrayList<>();

    public LedgerFixture() {
        configuration = DefaultConfigurer.defaultConfiguration()
                .configureEventStore(c -> eventStore)
                // deadline handlers take the DeadlineManager as a parameter: without this they would get Axon's
                // default SimpleDeadlineManager and schedule what they schedule (retention) where no test sees it
                .registerComponent(DeadlineManager.class, c -> deadlines)
                .configureAggregate(OrganizationAggregate.class)
                .configureAggregate(AccountAggregate.class)
                .configureAggregate(HandshakeAggregate.class)
                .registerComponent(LedgerAggregates.class, c -> new LedgerAggregates(
                        c.repository(OrganizationAggregate.class), c.repository(AccountAggregate.class),
                        c.repository(HandshakeAggregate.class), c.eventStore()))
                .registerCommandHandler(c -> new HandshakeCommandHandler(c.getComponent(LedgerAggregates.class),
                        deadlines))
                .registerCommandHandler(c -> new OrganizationCommandHandler(c.getComponent(LedgerAggregates.class),
                        deadlines))
                .buildConfiguration();
        configuration.start();
        eventStore.subscribe(published::addAll);
    }

    public LedgerFixture givenOrganization(OrganizationId id, Object... events) {
        return given(OrganizationAggregate.class, id.value(), events);
    }

    public LedgerFixture givenAccount(AccountId id, Object... events) {
        return given(AccountAggregate.class, id.value(), events);
    }

    public LedgerFixture givenHandshake(HandshakeId id, Object... events) {
        return given(HandshakeAggregate.class, id.value(), events);
    }

    /** The organization was created: both it and its management account have seen it. */
    public LedgerFixture givenOrganizationCreated(OrganizationProfile profile, Instant at) {
        return givenOrganization(profile.id(), new OrganizationCreatedEvent(profile, at))
                .givenAccount(profile.managementAccountId(), new AccountMembershipClaimedEvent(
                        profile.managementAccountId(), profile.id(), true, at));
    }

    /** Each account joined its organization, in this order: both have seen it. */
    public LedgerFixture givenJoined(AccountJoinedOrganizationEvent... joined) {
        for (AccountJoinedOrganizationEvent event : joined) {
            givenOrganization(event.organizationId(), event).givenAccount(event.accountId(),
                    new AccountMembershipClaimedEvent(event.accountId(), event.organizationId(), false,
                            event.joinedAt()));
        }
        return this;
    }

    /** Sends each command as history; each must succeed. */
    public LedgerFixture givenCommands(Object... commands) {
        for (Object command : commands) {
            when(command).expectSuccess();
        }
        published.clear();
        return this;
    }

    /** Fires the deadlines due at {@code now} as history. */
    public LedgerFixture givenTimeAdvancedTo(Instant now) {
        whenTimeAdvancesTo(now);
        published.clear();
        return this;
    }

    /** Sends the command; a refusal is kept for {@link Result#expectException}. */
    public Result when(Object command) {
        published.clear();
        try {
            configuration.commandGateway().sendAndWait(command);
            return new Result(List.copyOf(published), null);
        } catch (RuntimeException e) {
            return new Result(List.copyOf(published), e);
        }
    }

    /**
     * Fires, one unit of work each and in time order, every deadline due at {@code now}, then those the handlers
     * scheduled that are due by then too (the retention of a handshake that expired long ago).
     */
    public Result whenTimeAdvancesTo(Instant now) {
        published.clear();
        for (var due = deadlines.takeDue(now); !due.isEmpty(); due = deadlines.takeDue(now)) {
            due.forEach(this::fire);
        }
        return new Result(List.copyOf(published), null);
    }

    public RecordingDeadlineManager deadlines() {
        return deadlines;
    }

    private void fire(Map.Entry<ScopeDescriptor, DeadlineMessage<?>> deadline) {
        DefaultUnitOfWork.startAndGet(deadline.getValue()).execute(() -> {
            try {
                configuration.repository(HandshakeAggregate.class).send(deadline.getValue(), deadline.getKey());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private LedgerFixture given(Class<?> type, String id, Object... events) {
        // after what earlier commands stored too, so givens and commands can take turns on one aggregate
        long sequence = eventStore.lastSequenceNumberFor(id).map(last -> last + 1).orElse(0L);
        for (Object event : events) {
            eventStore.publish(new GenericDomainEventMessage<>(type.getSimpleName(), id, sequence++, event));
        }
        published.clear();
        return this;
    }

    /** What a command or a deadline did. */
    public static final class Result {
        private final List<EventMessage<?>> events;
        private final RuntimeException failure;

        Result(List<EventMessage<?>> events, RuntimeException failure) {
            this.events = events;
            this.failure = failure;
        }

        /** Every event applied, on any aggregate, in the order applied; exactly these. */
        public Result expectEvents(Object... expected) {
            expectSuccess();
            assertThat(payloads()).containsExactly(expected);
            return this;
        }

        public Result expectNoEvents() {
            assertThat(payloads()).isEmpty();
            return this;
        }

        public Result expectSuccess() {
            assertThat(failure).as("the command's failure").isNull();
            return this;
        }

        /** The command was refused with this exception, and applied nothing. */
        public AbstractThrowableAssert<?, ? extends Throwable> expectException(Class<? extends Throwable> type) {
            expectNoEvents();
            assertThatThrownBy(() -> {
                if (failure != null) {
                    throw failure;
                }
            }).as("the command's failure").isInstanceOf(type);
            return assertThat(failure);
        }

        /** The command was refused with this exception carrying this AWS {@code Reason}, and applied nothing. */
        public Result expectException(Class<? extends OrganizationsException> type, String reason) {
            expectException(type);
            assertThat(((OrganizationsException) failure).reason()).as("the refusal's Reason").isEqualTo(reason);
            return this;
        }

        public List<Object> payloads() {
            return events.stream().<Object>map(EventMessage::getPayload).toList();
        }

        /** The aggregate each event was applied to, in order. */
        public List<String> aggregateIds() {
            return events.stream().map(e -> ((org.axonframework.eventhandling.DomainEventMessage<?>) e)
                    .getAggregateIdentifier()).toList();
        }
    }
}
