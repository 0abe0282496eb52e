package org.handshakeledger.app.observability;

import org.axonframework.deadline.DeadlineManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Registers {@link MessageLogContext} on the deadline manager, which Axon's auto-configuration leaves out. Once all
 * beans exist, as the deadline manager depends on the Axon configuration.
 */
@Component
class DeadlineLogContext implements SmartInitializingSingleton {
    private final ObjectProvider<DeadlineManager> deadlines;
    private final MessageLogContext logContext;

    DeadlineLogContext(ObjectProvider<DeadlineManager> deadlines, MessageLogContext logContext) {
        this.deadlines = deadlines;
        this.logContext = logContext;
    }

    @Override
    public void afterSingletonsInstantiated() {
        deadlines.getObject().registerHandlerInterceptor(logContext);
    }
}
