package org.handshakeledger.app.awsjson.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.handshakeledger.projections.handshake.HandshakeResource;

/** {@code HandshakeResource} on the wire; nested resources only when there are some. */
public record HandshakeResourceShape(String value, String type,
                                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<HandshakeResourceShape> resources) {
    static HandshakeResourceShape of(HandshakeResource resource) {
        return new HandshakeResourceShape(resource.value(), resource.type().name(),
                resource.resources().stream().map(HandshakeResourceShape::of).toList());
    }
}
