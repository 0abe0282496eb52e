package org.handshakeledger.app.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.context.WebApplicationContext;

/**
 * {@code ledger.rebuild} is an ordinary property: from the command line, the environment, {@code
 * SPRING_APPLICATION_JSON} or a configuration file it turns the run into an offline rebuild with no web server, and
 * a value that names no view, or an unknown one, stops the start-up before the context exists.
 */
class OfflineRebuildStartupTest {
    private static final String WEB_APPLICATION_TYPE = "spring.main.web-application-type";

    /** Nothing but the properties: shows which kind of context SpringApplication chose. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    @Nested
    class AsAListener {
        @Test
        void anEnvironmentVariableStartsAnOfflineRebuildWithoutAWebServer() {
            // given
            StandardEnvironment environment = environmentWith(Map.of("LEDGER_REBUILD", "all"));

            // when
            new OfflineRebuildStartup().onApplicationEvent(prepared(environment));

            // then
            assertThat(OfflineRebuildStartup.requested(environment)).isTrue();
            assertThat(environment.getProperty(WEB_APPLICATION_TYPE)).isEqualTo("none");
        }

        @Test
        void withoutTheOptionTheServiceStartsAsUsual() {
            // given
            StandardEnvironment environment = environmentWith(Map.of());

            // when
            new OfflineRebuildStartup().onApplicationEvent(prepared(environment));

            // then
            assertThat(OfflineRebuildStartup.requested(environment)).isFalse();
            assertThat(environment.getProperty(WEB_APPLICATION_TYPE)).isNull();
        }

        @Test
        void anEmptyValueIsRefusedNamingWhereItCameFromWithExitCode2() {
            // given
            StandardEnvironment environment = environmentWith(Map.of("LEDGER_REBUILD", " "));

            // when / then
            assertThatThrownBy(() -> new OfflineRebuildStartup().onApplicationEvent(prepared(environment)))
                    .isInstanceOfSatisfying(InvalidRebuildOptionException.class,
                            e -> assertThat(e.getExitCode()).isEqualTo(2))
                    .hasMessageContaining("ledger.rebuild is set but empty")
                    .hasMessageContaining("LEDGER_REBUILD");
            assertThat(environment.getProperty(WEB_APPLICATION_TYPE)).isNull();
        }

        private static StandardEnvironment environmentWith(Map<String, Object> variables) {
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            variables));
            environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
            ConfigurationPropertySources.attach(environment);
            return environment;
        }

        private static ApplicationEnvironmentPreparedEvent prepared(StandardEnvironment environment) {
            return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
                    new String[0], environment);
        }
    }

    @Nested
    class InASpringApplication {
        @Test
        void theCommandLineOptionStartsAContextWithoutAWebServer() {
            try (ConfigurableApplicationContext context = run("--ledger.rebuild=all")) {
                assertThat(context).isNotInstanceOf(WebApplicationContext.class);
            }
        }

        @Test
        void springApplicationJsonStartsAContextWithoutAWebServer() {
            try (ConfigurableApplicationContext context =
                         run("--spring.application.json={\"ledger\":{\"rebuild\":\"handshake-views\"}}")) {
                assertThat(context).isNotInstanceOf(WebApplicationContext.class);
                assertThat(OfflineRebuildStartup.requested(context.getEnvironment())).isTrue();
            }
        }

        @Test
        void aConfigurationFileStartsAContextWithoutAWebServer(@TempDir Path directory) throws IOException {
            Path file = Files.writeString(directory.resolve("rebuild.yml"), "ledger:\n  rebuild: audit-trail\n");

            try (ConfigurableApplicationContext context = run("--spring.config.additional-location=" + file)) {
                assertThat(context).isNotInstanceOf(WebApplicationContext.class);
                assertThat(context.getEnvironment().getProperty("ledger.rebuild")).isEqualTo("audit-trail");
            }
        }

        @Test
        void anEmptyCommandLineOptionStopsTheStartup() {
            assertThatThrownBy(() -> run("--ledger.rebuild=")).isInstanceOf(InvalidRebuildOptionException.class)
                    .hasMessageContaining("ledger.rebuild is set but empty");
        }

        @Test
        void anUnknownViewStopsTheStartupNamingIt() {
            assertThatThrownBy(() -> run("--ledger.rebuild=handshake-views,handshakes"))
                    .isInstanceOf(InvalidRebuildOptionException.class)
                    .hasMessageContaining("Unknown view 'handshakes' in ledger.rebuild");
        }

        private static ConfigurableApplicationContext run(String... args) {
            SpringApplication application = new SpringApplication(NoBeans.class);
            application.setRegisterShutdownHook(false);
            return application.run(args);
        }
    }

    @Test
    void theFailureAnalysisSaysWhatToSetInstead() {
        // given
        InvalidRebuildOptionException failure = new InvalidRebuildOptionException("ledger.rebuild is set but empty");

        // when
        FailureAnalysis analysis = new InvalidRebuildOptionFailureAnalyzer()
                .analyze(new IllegalStateException("start-up failed", failure));

        // then
        assertThat(analysis.getDescription()).isEqualTo("ledger.rebuild is set but empty");
        assertThat(analysis.getAction()).contains("LEDGER_REBUILD", "'all'",
                "handshake-views, organization-views, audit-trail", "leave it out to start the service");
    }
}
