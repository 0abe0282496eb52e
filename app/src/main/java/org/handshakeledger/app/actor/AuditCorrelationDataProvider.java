package org.handshakeledger.app.actor;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.handshakeledger.projections.audit.AuditMetadata;
import org.springframework.stereotype.Component;

/**
 * Copies the actor of a request onto everything it causes (nested commands, events, deadlines). What a deadline
 * causes is the ledger's own doing: its actor is {@link AuditMetadata#LEDGER}, whoever scheduled the deadline.
 */
@Component
public class AuditCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (message instanceof DeadlineMessage<?> deadline) {
            return Map.of(AuditMetadata.ACTOR_TYPE, AuditMetadata.LEDGER,
                    AuditMetadata.OPERATION, deadline.getDeadlineName());
        }
        Map<String, Object> data = new HashMap<>();
        for (String key : AuditMetadata.KEYS) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        return data;
    }
}
