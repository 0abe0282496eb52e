package org.handshakeledger.app.config;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.handshakeledger.app.gateway.LedgerGateway;
import org.handshakeledger.app.mirror.HandshakeMirror;
import org.handshakeledger.app.mirror.MirrorStatus;
import org.handshakeledger.app.mirror.MirrorSettings;
import org.handshakeledger.app.mirror.MirrorState;
import org.handshakeledger.app.mirror.UpstreamOrganization;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mirror mode ({@code ledger.mirror.*}): with {@code enabled}, db-scheduler polls the upstream organization every
 * {@code interval}, on one instance of those sharing the database at a time, the first poll right after the start.
 */
@Configuration(proxyBeanMethods = false)
class MirrorConfiguration {

    @Bean
    MirrorSettings mirrorSettings(LedgerProperties properties) {
        LedgerProperties.Mirror mirror = properties.mirror();
        return new MirrorSettings(mirror.enabled(), mirror.endpointUrl() == null ? UpstreamOrganization.AWS
                : mirror.endpointUrl().toString(), mirror.region(), mirror.interval());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "ledger.mirror.enabled", havingValue = "true")
    UpstreamOrganization upstreamOrganization(LedgerProperties properties) {
        return new UpstreamOrganization(properties.mirror().endpointUrl(), properties.mirror().region());
    }

    @Bean
    @ConditionalOnProperty(name = "ledger.mirror.enabled", havingValue = "true")
    HandshakeMirror handshakeMirror(UpstreamOrganization upstream, LedgerGateway gateway, MirrorState state,
                                    MeterRegistry meters) {
        return new HandshakeMirror(upstream, gateway, state, meters);
    }

    /**
     * Takes the mirror when it first runs: the scheduler collects its tasks before the command side exists, which
     * needs the scheduler for its deadlines.
     */
    @Bean
    @ConditionalOnProperty(name = "ledger.mirror.enabled", havingValue = "true")
    RecurringTask<Void> handshakeMirrorTask(LedgerProperties properties, ObjectProvider<HandshakeMirror> mirror) {
        return Tasks.recurring(MirrorStatus.Reader.TASK, FixedDelay.of(properties.mirror().interval()))
                .execute((instance, context) -> mirror.getObject().poll());
    }
}
