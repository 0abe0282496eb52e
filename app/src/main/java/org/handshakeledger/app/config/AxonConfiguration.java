package org.handshakeledger.app.config;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.handshakeledger.app.store.StoreCheckedAggregateCache;
import org.handshakeledger.projections.SharedStore;
import org.handshakeledger.projections.TypedIdsModule;
import org.handshakeledger.projections.audit.AuditTrailProjection;
import org.handshakeledger.projections.handshake.HandshakeViewProjection;
import org.handshakeledger.projections.organization.OrganizationViewProjection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon wiring. Events are stored as JSON written by a mapper private to Axon, so a change to Spring's
 * {@code spring.jackson.*} settings can never change the stored format (AXON-NOTES §6).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {
    private static final String AGGREGATE_CACHE = "aggregates";

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventMapper()).defaultTyping().build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(eventMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(eventMapper()).build();
    }

    /** Keeps Axon's trace and correlation ids once our own provider (the audit actor) is declared. */
    @Bean
    MessageOriginProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Aggregates stay in memory between commands instead of being rebuilt from all their events each time (an
     * organization collects events with every invitation): the most recently used ones, held strongly, up to
     * {@code ledger.aggregate-cache-size}. A weak-reference cache lost them at every garbage collection, which under
     * load is several times a second, and writes slowed down as organizations grew. A copy that another node made
     * stale fails its append on the event store's unique key, is evicted, and the command is retried on a fresh load
     * (see LedgerGateway).
     */
    @Bean(destroyMethod = "close")
    CacheManager aggregateCacheManager(LedgerProperties properties) {
        return CacheManagerBuilder.newCacheManagerBuilder()
                .withCache(AGGREGATE_CACHE, CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class,
                        Object.class, ResourcePoolsBuilder.heap(properties.aggregateCacheSize())))
                .build(true);
    }

    /**
     * On PostgreSQL, which several instances may share, each cached aggregate is checked against the event store
     * before it is used (StoreCheckedAggregateCache); on the embedded H2 file this instance is the only writer.
     */
    @Bean
    Cache aggregateCache(CacheManager aggregateCacheManager, DataSource dataSource,
                         ObjectProvider<EventStore> eventStore) {
        // Axon's adapter takes Ehcache's implementation type, which every cache of a CacheManager is
        Cache cache = new EhCache3Adapter((Ehcache) aggregateCacheManager.getCache(AGGREGATE_CACHE, Object.class,
                Object.class));
        return SharedStore.isShared(dataSource) ? new StoreCheckedAggregateCache(cache, eventStore::getObject) : cache;
    }

    /**
     * The views are written in the transaction of the command that caused them (subscribing processors), so a
     * mutating call has returned only once Describe and List show its change. A failing view handler must therefore
     * fail the command instead of being logged and skipped.
     */
    @Bean
    ConfigurerModule viewsFailTheirCommand() {
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerListenerInvocationErrorHandler(HandshakeViewProjection.PROCESSING_GROUP,
                    c -> PropagatingErrorHandler.instance());
            processing.registerListenerInvocationErrorHandler(OrganizationViewProjection.PROCESSING_GROUP,
                    c -> PropagatingErrorHandler.instance());
            // a record the trail failed to write must be retried, never skipped: a gap is not an audit trail
            processing.registerListenerInvocationErrorHandler(AuditTrailProjection.PROCESSING_GROUP,
                    c -> PropagatingErrorHandler.instance());
        });
    }

    /** The one mapper of the stored format; public so that tests can write events the way the ledger stores them. */
    public static JsonMapper eventMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new TypedIdsModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
