package org.handshakeledger.app.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link AccountJoinedOrganizationEvent} revision 1 (stored without a revision) to revision 2. Revision 1 predates
 * {@code joinedMethod}: every member then joined by invitation, so a missing method is {@code INVITED}. Builds
 * before {@code @Revision("2")} also wrote the field without a revision; their value is kept.
 *
 * <p>Axon's Spring Boot auto-configuration puts every {@code EventUpcaster} bean into the upcaster chain of the
 * event store, in {@link Order} order, so aggregates, tracking processors and replays all see revision 2.
 */
@Component
@Order(AccountJoinedOrganizationUpcaster.ORDER)
public class AccountJoinedOrganizationUpcaster extends SingleEventUpcaster {
    static final int ORDER = 1;
    static final String TYPE = AccountJoinedOrganizationEvent.class.getName();
    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, null);
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");
    static final String JOINED_METHOD = "joinedMethod";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, AccountJoinedOrganizationUpcaster::withMethod);
    }

    private static JsonNode withMethod(JsonNode payload) {
        // no build ever wrote an explicit null, so null is treated as missing
        if (payload instanceof ObjectNode event && !event.hasNonNull(JOINED_METHOD)) {
            event.put(JOINED_METHOD, JoinedMethod.INVITED.name());
        }
        return payload;
    }
}
