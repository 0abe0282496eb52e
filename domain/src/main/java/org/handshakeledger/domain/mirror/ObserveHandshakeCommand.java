package org.handshakeledger.domain.mirror;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The mirror listed this handshake upstream at {@code observedAt}. */
public record ObserveHandshakeCommand(@TargetAggregateIdentifier String mirrorId, Upstream upstream,
                                      ObservedHandshake handshake, Instant observedAt) {

    public ObserveHandshakeCommand(Upstream upstream, ObservedHandshake handshake, Instant observedAt) {
        this(MirroredHandshakeAggregate.idOf(handshake.id()), upstream, handshake, observedAt);
    }
}
