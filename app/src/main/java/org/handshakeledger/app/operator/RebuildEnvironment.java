package org.handshakeledger.app.operator;

import java.util.List;

import javax.sql.DataSource;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.handshakeledger.app.store.ViewSwapLock;
import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.handshakeledger.projections.rebuild.RebuiltViewCheck;
import org.handshakeledger.projections.rebuild.ViewTableSwap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What every rebuild works with: the event and token stores, the live processors, the tables and the settings. */
@Component
class RebuildEnvironment {
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final EventProcessingConfiguration processing;
    private final ViewSwapLock swapLock;
    private final ViewTableSwap tables;
    private final LedgerProperties.Replay settings;
    private final Tokens tokens;
    private final List<RebuiltViewCheck> checks;

    RebuildEnvironment(EventStore eventStore, TokenStore tokenStore, TransactionManager transactionManager,
                       EventProcessingConfiguration processing, ViewSwapLock swapLock, ViewTableSwap tables,
                       LedgerProperties properties, DataSource dataSource, List<RebuiltViewCheck> checks) {
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.processing = processing;
        this.swapLock = swapLock;
        this.tables = tables;
        this.settings = properties.replay();
        this.tokens = new Tokens(new JdbcTemplate(dataSource));
        this.checks = List.copyOf(checks);
    }

    /** Runs every {@link RebuiltViewCheck} on the rebuilt {@code view}. */
    void checkBeforeSwap(RebuildableView view) {
        checks.forEach(check -> check.beforeSwap(view));
    }

    /** The global index of the newest event in the store, 0 when it is empty. */
    long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    EventProcessor liveProcessor(String name) {
        return processing.eventProcessor(name).orElse(null);
    }

    EventStore eventStore() {
        return eventStore;
    }

    TokenStore tokenStore() {
        return tokenStore;
    }

    TransactionManager transactionManager() {
        return transactionManager;
    }

    ViewSwapLock swapLock() {
        return swapLock;
    }

    ViewTableSwap tables() {
        return tables;
    }

    LedgerProperties.Replay settings() {
        return settings;
    }

    Tokens tokens() {
        return tokens;
    }

    /** The token rows of the short-lived rebuild processors, which must not outlive them. */
    record Tokens(JdbcTemplate jdbc) {
        void forget(String processorName) {
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processorName);
        }
    }
}
