package org.handshakeledger.app.operator;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides whether this run is an offline rebuild once the environment is complete (command line, environment
 * variables, {@code SPRING_APPLICATION_JSON}, configuration files) and before the application context exists. The
 * context must know it before it is created: an offline rebuild starts no web server, and a value that names no
 * view must stop the process before the store is opened. So {@code ledger.rebuild} is read here, from the same
 * property sources {@link org.handshakeledger.app.config.LedgerProperties} binds from, rather than from the raw
 * arguments. Registered in {@code META-INF/spring.factories}; ordered after Boot's own listeners, so that the
 * configuration files are loaded and logging is set up to report a refusal.
 */
public class OfflineRebuildStartup implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
    static final ConfigurationPropertyName OPTION = ConfigurationPropertyName.of("ledger.rebuild");

    /** Whether {@code ledger.rebuild} is set, to any value, in this environment. */
    public static boolean requested(ConfigurableEnvironment environment) {
        return option(environment) != null;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        ConfigurationProperty option = option(environment);
        if (option == null) {
            return;
        }
        try {
            OfflineRebuild.views(String.valueOf(option.getValue()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRebuildOptionException(option.getOrigin() == null ? e.getMessage()
                    : e.getMessage() + " (" + option.getOrigin() + ")");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("ledgerOfflineRebuild",
                Map.of("spring.main.web-application-type", "none")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The option as Spring's binder finds it, in the first property source that has it. */
    private static ConfigurationProperty option(ConfigurableEnvironment environment) {
        return option(environment, OPTION);
    }

    /** {@code name} as Spring's binder finds it, in the first property source that has it; null when none has. */
    public static ConfigurationProperty option(ConfigurableEnvironment environment, ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return property;
            }
        }
        return null;
    }
}
