package org.handshakeledger.domain.mirror;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A complete poll at {@code observedAt} no longer listed this mirrored handshake. */
public record ObserveHandshakeVanishedCommand(@TargetAggregateIdentifier String mirrorId, Upstream upstream,
                                              Instant observedAt) {

    public static ObserveHandshakeVanishedCommand of(String handshakeId, Upstream upstream, Instant observedAt) {
        return new ObserveHandshakeVanishedCommand(MirroredHandshakeAggregate.idOf(handshakeId), upstream,
                observedAt);
    }
}
