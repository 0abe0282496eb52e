package org.handshakeledger.app.config;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.handshakeledger.domain.LedgerAggregates;
import org.handshakeledger.domain.account.AccountAggregate;
import org.handshakeledger.domain.handshake.HandshakeAggregate;
import org.handshakeledger.domain.handshake.HandshakeCommandHandler;
import org.handshakeledger.domain.organization.OrganizationAggregate;
import org.handshakeledger.domain.organization.OrganizationCommandHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command handlers of the domain, which has no Spring of its own. Axon finds their {@code @CommandHandler}
 * methods on these beans and subscribes them to the command bus.
 */
@Configuration(proxyBeanMethods = false)
public class CommandHandlingConfiguration {

    @Bean
    LedgerAggregates ledgerAggregates(Repository<OrganizationAggregate> organizations,
                                      Repository<AccountAggregate> accounts,
                                      Repository<HandshakeAggregate> handshakes, EventStore eventStore) {
        return new LedgerAggregates(organizations, accounts, handshakes, eventStore);
    }

    @Bean
    HandshakeCommandHandler handshakeCommandHandler(LedgerAggregates aggregates, DeadlineManager deadlines) {
        return new HandshakeCommandHandler(aggregates, deadlines);
    }

    @Bean
    OrganizationCommandHandler organizationCommandHandler(LedgerAggregates aggregates, DeadlineManager deadlines) {
        return new OrganizationCommandHandler(aggregates, deadlines);
    }
}
