package org.handshakeledger.projections.handshake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.mirror.ObservedHandshake;

/**
 * A handshake the mirror observed, described as DescribeHandshake does: as it was listed upstream, with the same
 * lazy expiry (a pending handshake past its expiration time is EXPIRED already, as AWS shows it). A resource of a
 * type this ledger does not know is left out of the description; the recorded event keeps it.
 */
final class ObservedHandshakes {
    private ObservedHandshakes() {
    }

    static HandshakeView view(ObservedHandshake seen, Instant at) {
        HandshakeState state = HandshakeState.valueOf(seen.state());
        if (state.isPending() && seen.expiresAt() != null && !at.isBefore(seen.expiresAt())) {
            state = HandshakeState.EXPIRED;
        }
        List<HandshakeParty> parties = seen.parties().stream()
                .map(p -> new HandshakeParty(p.id(), PartyType.valueOf(p.type())))
                .toList();
        return new HandshakeView(seen.id(), seen.arn(), HandshakeAction.valueOf(seen.action()), state, parties,
                resources(seen.resources()), seen.requestedAt(), seen.expiresAt());
    }

    private static List<HandshakeResource> resources(List<ObservedHandshake.Resource> observed) {
        List<HandshakeResource> resources = new ArrayList<>();
        for (ObservedHandshake.Resource resource : observed) {
            type(resource.type()).ifPresent(type -> resources.add(
                    new HandshakeResource(type, resource.value(), resources(resource.resources()))));
        }
        return List.copyOf(resources);
    }

    private static Optional<HandshakeResourceType> type(String name) {
        try {
            return Optional.of(HandshakeResourceType.valueOf(name));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
