package org.handshakeledger.domain.mirror;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A handshake of an upstream AWS organization as the mirror saw it, poll after poll. It records only what changed:
 * the first sighting, each difference from the last sighting, and the vanishing. Two instances polling at once
 * cannot record a change twice: the second is refused by the event store's unique (aggregate, sequence) key,
 * retried, and then finds nothing new.
 *
 * <p>Its identifier is {@code mirror:} and the upstream's handshake id, so that it never shares an event stream
 * with a handshake of this ledger's own API, which mirrored handshakes are never served by.
 */
@Aggregate(cache = "aggregateCache")
public class MirroredHandshakeAggregate {
    public static final String ID_PREFIX = "mirror:";

    @AggregateIdentifier
    private String id;
    private ObservedHandshake lastSeen;
    private boolean vanished;

    protected MirroredHandshakeAggregate() {
        // required by Axon
    }

    /** The aggregate identifier of the mirrored handshake with this upstream id. */
    public static String idOf(String handshakeId) {
        return ID_PREFIX + handshakeId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ObserveHandshakeCommand cmd) {
        if (lastSeen == null || vanished) {
            apply(new MirroredHandshakeFirstSeenEvent(cmd.handshake().id(), cmd.upstream(), cmd.handshake(),
                    cmd.observedAt()));
        } else if (!lastSeen.equals(cmd.handshake())) {
            apply(new MirroredHandshakeChangedEvent(cmd.handshake().id(), cmd.upstream(), lastSeen.state(),
                    cmd.handshake(), cmd.observedAt()));
        }
    }

    @CommandHandler
    void handle(ObserveHandshakeVanishedCommand cmd) {
        if (lastSeen != null && !vanished) {
            apply(new MirroredHandshakeVanishedEvent(lastSeen.id(), cmd.upstream(), lastSeen.state(),
                    cmd.observedAt()));
        }
    }

    @EventSourcingHandler
    void on(MirroredHandshakeFirstSeenEvent e) {
        id = idOf(e.handshakeId());
        lastSeen = e.handshake();
        vanished = false;
    }

    @EventSourcingHandler
    void on(MirroredHandshakeChangedEvent e) {
        lastSeen = e.handshake();
    }

    @EventSourcingHandler
    void on(MirroredHandshakeVanishedEvent e) {
        vanished = true;
    }
}
