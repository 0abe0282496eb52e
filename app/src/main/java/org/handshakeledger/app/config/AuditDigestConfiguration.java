package org.handshakeledger.app.config;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.handshakeledger.app.auditor.digest.AuditDigests;
import org.handshakeledger.app.auditor.digest.AuditSigningKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The signing key, and the digest signed every {@code ledger.audit.digest-interval} by db-scheduler, which runs it on
 * one instance of those sharing the database. The first is signed when the ledger first starts: it anchors the
 * trail as it was then.
 */
@Configuration(proxyBeanMethods = false)
class AuditDigestConfiguration {
    static final String TASK = "audit-digest";

    @Bean
    AuditSigningKey auditSigningKey(LedgerProperties properties) {
        return AuditSigningKey.loadOrCreate(properties.signingKeyFile());
    }

    @Bean
    RecurringTask<Void> auditDigestTask(LedgerProperties properties, AuditDigests digests) {
        return Tasks.recurring(TASK, FixedDelay.of(properties.audit().digestInterval()))
                .execute((instance, context) -> digests.signNow());
    }
}
