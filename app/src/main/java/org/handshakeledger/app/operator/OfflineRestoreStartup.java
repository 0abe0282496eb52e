package org.handshakeledger.app.operator;

import java.nio.file.Path;
import java.util.Locale;

import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.app.store.H2Restore;
import org.handshakeledger.app.store.RestoreRefusedException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * {@code ledger.restore=FILE}: restores a backup of {@code POST /ledger/backup} into an empty data directory and
 * ends the run, printing a summary; exit code {@value #RESTORED}. It runs once the environment is complete (command
 * line, environment variables, configuration files), like {@link OfflineRebuildStartup}, and before the application
 * context exists: nothing has opened the H2 file, no migration has run and no signing key was generated, so the
 * restored store is exactly the backup. A restore that was refused exits with {@value #REFUSED}, one that failed on
 * the way with {@value #FAILED} ({@link OfflineRestoreException}). Registered in {@code META-INF/spring.factories}.
 */
public class OfflineRestoreStartup implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
    public static final int RESTORED = 0;
    public static final int FAILED = 1;
    public static final int REFUSED = 2;
    static final ConfigurationPropertyName OPTION = ConfigurationPropertyName.of("ledger.restore");

    /** Ends {@link SpringApplication#run} after a restore, before any application context is created. */
    public static class Restored extends SpringApplication.AbandonedRunException {
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        ConfigurationProperty option = OfflineRebuildStartup.option(environment, OPTION);
        if (option == null) {
            return;
        }
        String origin = option.getOrigin() == null ? "" : " (" + option.getOrigin() + ")";
        String backup = String.valueOf(option.getValue()).trim();
        if (backup.isEmpty()) {
            throw refused("ledger.restore is set but empty: it names no backup file" + origin);
        }
        if (OfflineRebuildStartup.requested(environment)) {
            throw refused("ledger.restore and ledger.rebuild are both set; run the restore, then the rebuild");
        }
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            throw refused("ledger.restore restores the embedded H2 store, but spring.datasource.url points the ledger"
                    + " at another database; restore PostgreSQL with pg_restore, or from a base backup and its WAL");
        }
        Path dataDir = Binder.get(environment).bind(LedgerProperties.DATA_DIR, Path.class)
                .orElse(Path.of(LedgerProperties.DEFAULT_DATA_DIR));
        H2Restore.Restored restored;
        try {
            restored = H2Restore.restore(Path.of(backup), dataDir);
        } catch (RestoreRefusedException e) {
            throw refused(e.getMessage());
        } catch (RuntimeException e) {
            throw new OfflineRestoreException(e.getMessage(), FAILED, e);
        }
        System.out.printf(Locale.ROOT, "Restored %s into %s: %d events (last global index %d), %d bytes. The audit "
                        + "signing key is not in the backup: put it at ledger.audit.signing-key-file before the "
                        + "first start.%n", Path.of(backup).toAbsolutePath().normalize(), restored.dataDir(),
                restored.events(), restored.lastGlobalIndex(), restored.bytes());
        throw new Restored();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static OfflineRestoreException refused(String message) {
        return new OfflineRestoreException(message, REFUSED, null);
    }
}
