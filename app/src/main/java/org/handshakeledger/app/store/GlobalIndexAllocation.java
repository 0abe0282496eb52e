package org.handshakeledger.app.store;

import jakarta.persistence.EntityManagerFactory;

import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.generator.Generator;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Refuses to start unless Hibernate takes the event store's global indexes from its sequence one at a time, as
 * {@code META-INF/orm.xml} asks. Blocks of 50 (Hibernate's default) make the indexes of several instances disagree with
 * commit order, and tracking processors then skip events for good (AxonFramework #3374). Hibernate logs HHH000207 about
 * that mapping file at start-up, so the check reads what Hibernate actually built. It looks as late as it can: as the
 * last component to start before the web server, which then takes no request before the check passed. Hibernate is
 * built in the background meanwhile (the repositories' lazy bootstrap), and asking it while the beans are being made
 * would make the start-up wait for it. A failed check stops the start-up.
 */
@Component
class GlobalIndexAllocation implements SmartLifecycle {
    private final EntityManagerFactory entityManagerFactory;
    private volatile boolean checked;

    GlobalIndexAllocation(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    @Override
    public int getPhase() {
        // the web server starts at the phase 1024 below its graceful stop's
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024 - 1;
    }

    @Override
    public boolean isRunning() {
        return checked;
    }

    @Override
    public void stop() {
        // nothing runs: the check is done once, at start
    }

    @Override
    public void start() {
        Generator generator = entityManagerFactory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                .getEntityDescriptor(DomainEventEntry.class).getGenerator();
        int increment = generator instanceof SequenceStyleGenerator sequence
                ? sequence.getOptimizer().getIncrementSize() : -1;
        if (increment != 1) {
            throw new IllegalStateException("The event store's global index is allocated by " + generator
                    + " with increment " + increment + ", not one at a time from domain_event_entry_seq: is"
                    + " META-INF/orm.xml on the class path?");
        }
        checked = true;
    }
}
