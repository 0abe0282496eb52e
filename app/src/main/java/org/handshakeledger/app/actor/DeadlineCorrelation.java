package org.handshakeledger.app.actor;

import java.util.List;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Deadline handlers run in units of work of their own, which Axon does not correlate by default: without this,
 * what a deadline causes (expiry, deletion) would carry no actor at all instead of the ledger. Registered once all
 * beans exist, since the deadline manager depends on the Axon configuration that depends on the providers.
 */
@Component
class DeadlineCorrelation implements SmartInitializingSingleton {
    private final ObjectProvider<DeadlineManager> deadlines;
    private final List<CorrelationDataProvider> providers;

    DeadlineCorrelation(ObjectProvider<DeadlineManager> deadlines, List<CorrelationDataProvider> providers) {
        this.deadlines = deadlines;
        this.providers = providers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        deadlines.getObject().registerHandlerInterceptor(new CorrelationDataInterceptor<>(providers));
    }
}
