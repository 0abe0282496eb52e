package org.handshakeledger.app.store;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The aggregate cache of an instance that shares its event store with others (PostgreSQL). Another instance may have
 * appended events to an aggregate this one holds in its cache; a command on the stale copy that appends fails on the
 * event store's unique key and is retried, but a command that the stale copy <em>refuses</em> (a quota it thinks is
 * full, a handshake it thinks is still open) appends nothing and would be answered wrongly. So every hit is checked
 * against the newest sequence number in the event store, one indexed query, and a copy that is behind counts as a
 * miss: the repository then loads the aggregate from the store and caches it anew.
 */
public final class StoreCheckedAggregateCache implements Cache {
    private final Cache cache;
    private final Supplier<EventStore> eventStore;

    public StoreCheckedAggregateCache(Cache cache, Supplier<EventStore> eventStore) {
        this.cache = cache;
        this.eventStore = eventStore;
    }

    @Override
    public <K, V> V get(K key) {
        V value = cache.get(key);
        if (value instanceof AggregateCacheEntry<?> entry && !current(key, entry)) {
            cache.remove(key);
            return null;
        }
        return value;
    }

    private boolean current(Object key, AggregateCacheEntry<?> entry) {
        Long cached;
        try {
            // an entry held on the heap returns the aggregate it was made of; nothing is rebuilt
            cached = entry.recreateAggregate(null, null, null, null).version();
        } catch (RuntimeException notOnTheHeap) {
            return false;
        }
        Optional<Long> stored = eventStore.get().lastSequenceNumberFor(key.toString());
        return stored.isEmpty() ? cached == null : stored.get().equals(cached);
    }

    @Override
    public void put(Object key, Object value) {
        cache.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return cache.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return cache.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public boolean remove(Object key) {
        return cache.remove(key);
    }

    @Override
    public void removeAll() {
        cache.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return cache.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return cache.registerCacheEntryListener(cacheEntryListener);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        cache.computeIfPresent(key, update);
    }
}
