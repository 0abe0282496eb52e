package org.handshakeledger.app.observability;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.handshakeledger.domain.handshake.ExpiryDue;
import org.handshakeledger.domain.handshake.RetentionDue;
import org.handshakeledger.projections.audit.AuditMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Puts the request id of the message being handled into the MDC ({@value RequestLogFilter#MDC_REQUEST_ID}) for
 * the handler's duration, so that what is logged on its behalf names the request even where it runs on a thread of
 * its own: the audit trail's processor, a deadline. Commands and the views run on the request's thread, which has
 * the id already; the message carries the same one. A deadline has no request: it gets its own id (the deadline
 * message's) and the handshake ({@value #MDC_HANDSHAKE_ID}), and logs one line saying what fell due.
 *
 * <p>A bean, so Axon's auto-configuration registers it on the command bus, the query bus and every event
 * processor; {@code DeadlineLogContext} registers it on the deadline manager. The MDC keys it set are put back as
 * they were afterwards.
 */
@Component
public class MessageLogContext implements MessageHandlerInterceptor<Message<?>> {
    public static final String MDC_HANDSHAKE_ID = "handshakeId";
    private static final Logger log = LoggerFactory.getLogger("org.handshakeledger.deadlines");

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        String previousRequestId = MDC.get(RequestLogFilter.MDC_REQUEST_ID);
        String previousHandshakeId = MDC.get(MDC_HANDSHAKE_ID);
        try {
            if (message instanceof DeadlineMessage<?> deadline) {
                enterDeadline(deadline);
            } else if (message.getMetaData().get(AuditMetadata.REQUEST_ID) instanceof String requestId) {
                MDC.put(RequestLogFilter.MDC_REQUEST_ID, requestId);
            }
            return chain.proceed();
        } finally {
            restore(RequestLogFilter.MDC_REQUEST_ID, previousRequestId);
            restore(MDC_HANDSHAKE_ID, previousHandshakeId);
        }
    }

    private static void enterDeadline(DeadlineMessage<?> deadline) {
        MDC.put(RequestLogFilter.MDC_REQUEST_ID, deadline.getIdentifier());
        Object payload = deadline.getPayload();
        if (payload instanceof ExpiryDue due) {
            MDC.put(MDC_HANDSHAKE_ID, due.handshakeId().value());
            log.info("Deadline fired: expiry of handshake {} (due {})", due.handshakeId().value(), due.dueAt());
        } else if (payload instanceof RetentionDue due) {
            MDC.put(MDC_HANDSHAKE_ID, due.handshakeId().value());
            log.info("Deadline fired: deletion of handshake {} (due {})", due.handshakeId().value(), due.dueAt());
        } else {
            log.info("Deadline fired: {}", deadline.getDeadlineName());
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
