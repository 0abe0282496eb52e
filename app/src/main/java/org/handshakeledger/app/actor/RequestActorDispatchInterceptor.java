package org.handshakeledger.app.actor;

import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Stamps every command sent while an HTTP request is handled with that request's {@link RequestActor}. Commands
 * sent by the ledger itself (deadlines, nested commands) carry the metadata of the message that caused them.
 */
@Component
public class RequestActorDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            Object actor = request == null ? null
                    : request.getAttribute(RequestActor.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            return actor instanceof RequestActor requestActor
                    ? command.andMetaData(requestActor.metadata())
                    : command;
        };
    }
}
