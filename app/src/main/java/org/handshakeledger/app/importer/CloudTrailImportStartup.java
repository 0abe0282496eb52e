package org.handshakeledger.app.importer;

import java.nio.file.Path;
import java.util.Map;

import org.handshakeledger.app.operator.OfflineRebuildStartup;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides whether this run is a CloudTrail import ({@code ledger.import.cloudtrail}) once the environment is
 * complete and before the application context exists, like {@link OfflineRebuildStartup}: an import starts no web
 * server, and a path without log files, or the option together with {@code ledger.rebuild} or
 * {@code ledger.restore}, stops the process with {@value #REFUSED} before the store is opened. Registered in
 * {@code META-INF/spring.factories}, and ordered before the offline restore, which would otherwise run first.
 */
public class CloudTrailImportStartup implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
    public static final int REFUSED = 2;
    static final ConfigurationPropertyName OPTION = ConfigurationPropertyName.of("ledger.import.cloudtrail");
    private static final ConfigurationPropertyName RESTORE = ConfigurationPropertyName.of("ledger.restore");

    /** Whether {@code ledger.import.cloudtrail} is set, to any value, in this environment. */
    public static boolean requested(ConfigurableEnvironment environment) {
        return OfflineRebuildStartup.option(environment, OPTION) != null;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        ConfigurationProperty option = OfflineRebuildStartup.option(environment, OPTION);
        if (option == null) {
            return;
        }
        String origin = option.getOrigin() == null ? "" : " (" + option.getOrigin() + ")";
        String path = String.valueOf(option.getValue()).trim();
        if (path.isEmpty()) {
            throw new InvalidImportOptionException("ledger.import.cloudtrail is set but empty: it names no file or "
                    + "directory" + origin);
        }
        if (OfflineRebuildStartup.requested(environment)
                || OfflineRebuildStartup.option(environment, RESTORE) != null) {
            throw new InvalidImportOptionException("ledger.import.cloudtrail cannot run together with ledger.rebuild"
                    + " or ledger.restore; run them one after the other");
        }
        try {
            CloudTrailFiles.under(Path.of(path));
        } catch (IllegalArgumentException e) {
            throw new InvalidImportOptionException(e.getMessage() + origin);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("ledgerCloudTrailImport",
                Map.of("spring.main.web-application-type", "none")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
