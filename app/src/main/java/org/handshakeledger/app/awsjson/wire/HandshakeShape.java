package org.handshakeledger.app.awsjson.wire;

import java.time.Instant;
import java.util.List;

import org.handshakeledger.projections.handshake.HandshakeView;

/** {@code Handshake} on the wire (spec §4.1). */
public record HandshakeShape(String id, String arn, List<HandshakePartyShape> parties, String state,
                             Instant requestedTimestamp, Instant expirationTimestamp, String action,
                             List<HandshakeResourceShape> resources) {
    public static HandshakeShape of(HandshakeView view) {
        return new HandshakeShape(view.id(), view.arn(),
                view.parties().stream().map(p -> new HandshakePartyShape(p.id(), p.type().name())).toList(),
                view.state().name(), view.requestedAt(), view.expiresAt(), view.action().name(),
                view.resources().stream().map(HandshakeResourceShape::of).toList());
    }
}
