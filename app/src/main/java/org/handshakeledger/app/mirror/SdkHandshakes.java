package org.handshakeledger.app.mirror;

import java.util.List;

import org.handshakeledger.domain.mirror.ObservedHandshake;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeResource;

/** A handshake as the SDK returns it, as the mirror records it: every field, enumerations as spelled upstream. */
final class SdkHandshakes {
    private SdkHandshakes() {
    }

    static ObservedHandshake observed(Handshake handshake) {
        return new ObservedHandshake(handshake.id(), handshake.arn(), handshake.actionAsString(),
                handshake.stateAsString(),
                handshake.parties().stream()
                        .map(p -> new ObservedHandshake.Party(p.id(), p.typeAsString()))
                        .toList(),
                resources(handshake.resources()), handshake.requestedTimestamp(), handshake.expirationTimestamp());
    }

    private static List<ObservedHandshake.Resource> resources(List<HandshakeResource> resources) {
        return resources.stream()
                .map(r -> new ObservedHandshake.Resource(r.typeAsString(), r.value(), resources(r.resources())))
                .toList();
    }
}
