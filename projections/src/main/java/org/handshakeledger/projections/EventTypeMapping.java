package org.handshakeledger.projections;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What to make of an event, chosen by the event's type: one entry per type instead of a chain of {@code instanceof}
 * checks (Java 17 has no pattern matching in {@code switch}). Events are records, so final: an event's own class is
 * all there is to its type.
 *
 * @param <C> what an entry may need besides the event ({@link Void} when none does)
 * @param <R> what the entries make of their events
 */
public final class EventTypeMapping<C, R> {
    private final Map<Class<?>, BiFunction<Object, C, R>> byType = new HashMap<>();

    /** Maps every event of {@code type} with {@code mapping}. */
    public <E> EventTypeMapping<C, R> on(Class<E> type, Function<? super E, ? extends R> mapping) {
        return on(type, (event, context) -> mapping.apply(event));
    }

    /** Maps every event of {@code type} with {@code mapping}, which is given the context as well. */
    public <E> EventTypeMapping<C, R> on(Class<E> type, BiFunction<? super E, ? super C, ? extends R> mapping) {
        if (byType.putIfAbsent(type, (event, context) -> mapping.apply(type.cast(event), context)) != null) {
            throw new IllegalArgumentException(type.getSimpleName() + " is mapped twice");
        }
        return this;
    }

    /** What the entry of the event's type makes of it; empty for an event of a type without an entry. */
    public Optional<R> apply(Object event, C context) {
        BiFunction<Object, C, R> mapping = byType.get(event.getClass());
        return mapping == null ? Optional.empty() : Optional.of(mapping.apply(event, context));
    }

    /** {@link #apply(Object, Object)} for a mapping whose entries need nothing besides the event. */
    public Optional<R> apply(Object event) {
        return apply(event, null);
    }
}
