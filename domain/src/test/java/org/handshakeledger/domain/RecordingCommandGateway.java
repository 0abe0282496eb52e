package org.handshakeledger.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Stands in for the other aggregates in fixture tests: records every nested command an aggregate sends and answers
 * with the result (or throws the exception) configured for that command type. Unconfigured commands answer null.
 */
public final class RecordingCommandGateway implements CommandGateway {
    private final List<Object> sent = new ArrayList<>();
    private final Map<Class<?>, Object> answers = new HashMap<>();
    private final Map<Class<?>, RuntimeException> failures = new HashMap<>();

    public RecordingCommandGateway answer(Class<?> commandType, Object result) {
        answers.put(commandType, result);
        return this;
    }

    public RecordingCommandGateway fail(Class<?> commandType, RuntimeException failure) {
        failures.put(commandType, failure);
        return this;
    }

    /** Every command sent so far, in order. */
    public List<Object> sent() {
        return List.copyOf(sent);
    }

    /** The commands of one type sent so far, in order. */
    public <C> List<C> sent(Class<C> commandType) {
        return sent.stream().filter(commandType::isInstance).map(commandType::cast).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(Object command) {
        sent.add(command);
        RuntimeException failure = failures.get(command.getClass());
        if (failure != null) {
            throw failure;
        }
        return (R) answers.get(command.getClass());
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        return sendAndWait(command);
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        throw new UnsupportedOperationException("aggregates send nested commands with sendAndWait");
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        throw new UnsupportedOperationException("aggregates send nested commands with sendAndWait");
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        throw new UnsupportedOperationException("not needed in fixture tests");
    }
}
