package org.handshakeledger.app.store;

import jakarta.persistence.EntityManagerFactory;

import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.generator.Generator;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Refuses to start unless Hibernate takes the event store's global indexes from its sequence one at a time, as
 * {@code META-INF/orm.xml} asks. Blocks of 50 (Hibernate's default) make the indexes of several instances disagree with
 * commit order, and tracking processors then skip events for good (AxonFramework #3374). Hibernate logs HHH000207 about
 * that mapping file at start-up, so the check reads what Hibernate actually built. It looks last in the start-up, as
 * the last component to start (after the web server, before the application is ready): Hibernate is built in the
 * background meanwhile (the repositories' lazy bootstrap), and asking it earlier would make the start-up wait for it.
 * A failed check still stops the start-up.
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
        return Integer.MAX_VALUE;
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
