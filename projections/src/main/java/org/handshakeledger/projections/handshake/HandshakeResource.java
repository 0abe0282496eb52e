package org.handshakeledger.projections.handshake;

import java.util.List;

/** Extra data of a handshake, possibly nested (the organization resource holds its management details). */
public record HandshakeResource(HandshakeResourceType type, String value, List<HandshakeResource> resources) {
    public static HandshakeResource of(HandshakeResourceType type, String value) {
        return new HandshakeResource(type, value, List.of());
    }
}
