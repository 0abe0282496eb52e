package org.handshakeledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.handshakeledger.domain.account.AcceptWhileMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

/** The {@code ledger.*} options bind and validate at start-up; a wrong value stops the application. */
class LedgerPropertiesTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LedgerProperties.class)
    static class PropertiesOnly {
    }

    @Test
    void acceptWhileMemberDefaultsToMove() {
        runner.run(context -> assertThat(context.getBean(LedgerProperties.class).handshake().acceptWhileMember())
                .isEqualTo(AcceptWhileMember.MOVE));
    }

    @Test
    void acceptWhileMemberBindsRejectInAnyCase() {
        runner.withPropertyValues("ledger.handshake.accept-while-member=reject")
              .run(context -> assertThat(context.getBean(LedgerProperties.class).handshake().acceptWhileMember())
                      .isEqualTo(AcceptWhileMember.REJECT));
    }

    @Test
    void unknownAcceptWhileMemberStopsTheStartupNamingTheOption() {
        runner.withPropertyValues("ledger.handshake.accept-while-member=LEAVE")
              .run(context -> {
                  assertThat(context).hasFailed();
                  Throwable failure = context.getStartupFailure();
                  assertThat(bindFailureIn(failure).getName()).hasToString("ledger.handshake.accept-while-member");
                  assertThat(failure).hasRootCauseInstanceOf(IllegalArgumentException.class)
                          .rootCause().hasMessageContaining("LEAVE");
              });
    }

    @Test
    void eventOptionsDefaultToTheDocumentedValues() {
        runner.run(context -> assertThat(context.getBean(LedgerProperties.class).events())
                .isEqualTo(new LedgerProperties.Events(Duration.ofSeconds(15), Duration.ofMillis(500),
                        Duration.ofSeconds(2), 100, 32, "handshake-events", Duration.ofSeconds(30))));
    }

    @Test
    void eventOptionsBindFromTheirKebabCaseNames() {
        runner.withPropertyValues("ledger.events.heartbeat=PT0.3S", "ledger.events.poll-interval=PT0.05S",
                        "ledger.events.settle=PT0.5S", "ledger.events.page-size=10", "ledger.events.max-streams=4",
                        "ledger.events.kafka-topic=t", "ledger.events.kafka-send-timeout=PT1S")
              .run(context -> assertThat(context.getBean(LedgerProperties.class).events())
                      .isEqualTo(new LedgerProperties.Events(Duration.ofMillis(300), Duration.ofMillis(50),
                              Duration.ofMillis(500), 10, 4, "t", Duration.ofSeconds(1))));
    }

    @ParameterizedTest
    @CsvSource({"heartbeat, PT0S, heartbeat", "poll-interval, PT0S, pollInterval", "settle, -PT1S, settle",
        "page-size, 0, pageSize", "max-streams, 0, maxStreams", "kafka-topic, ' ', kafkaTopic",
        "kafka-send-timeout, PT0S, kafkaSendTimeout"})
    void anEventOptionOutOfRangeStopsTheStartupNamingTheOption(String option, String value, String field) {
        runner.withPropertyValues("ledger.events." + option + "=" + value)
              .run(context -> {
                  assertThat(context).hasFailed();
                  ValidationErrors errors = bindValidationFailureIn(context.getStartupFailure()).getValidationErrors();
                  assertThat(errors.getAllErrors()).singleElement().isInstanceOfSatisfying(FieldError.class,
                          error -> assertThat(error.getField()).isEqualTo("events." + field));
              });
    }

    @Test
    void throttlingIsOffByDefault() {
        runner.run(context -> {
            LedgerProperties.Limits limits = context.getBean(LedgerProperties.class).limits();
            assertThat(limits.throttles()).isFalse();
            assertThat(limits.requestsPerSecond()).isZero();
            assertThat(limits.burst()).isNull();
        });
    }

    @Test
    void throttlingBurstDefaultsToOneSecondOfTheRate() {
        runner.withPropertyValues("ledger.limits.requests-per-second=5")
              .run(context -> {
                  LedgerProperties.Limits limits = context.getBean(LedgerProperties.class).limits();
                  assertThat(limits.throttles()).isTrue();
                  assertThat(limits.effectiveBurst()).isEqualTo(5);
              });
    }

    @Test
    void throttlingBindsRateAndBurst() {
        runner.withPropertyValues("ledger.limits.requests-per-second=2", "ledger.limits.burst=8")
              .run(context -> assertThat(context.getBean(LedgerProperties.class).limits().effectiveBurst())
                      .isEqualTo(8));
    }

    @ParameterizedTest
    @CsvSource({"requests-per-second=-1, requestsPerSecond", "burst=0, burst"})
    void aThrottlingOptionOutOfRangeStopsTheStartupNamingTheOption(String option, String field) {
        runner.withPropertyValues("ledger.limits.requests-per-second=1", "ledger.limits." + option)
              .run(context -> {
                  assertThat(context).hasFailed();
                  ValidationErrors errors = bindValidationFailureIn(context.getStartupFailure()).getValidationErrors();
                  assertThat(errors.getAllErrors()).singleElement().isInstanceOfSatisfying(FieldError.class,
                          error -> assertThat(error.getField()).isEqualTo("limits." + field));
              });
    }

    @Test
    void aBurstWithoutARateStopsTheStartup() {
        runner.withPropertyValues("ledger.limits.burst=10")
              .run(context -> {
                  assertThat(context).hasFailed();
                  ValidationErrors errors = bindValidationFailureIn(context.getStartupFailure()).getValidationErrors();
                  assertThat(errors.getAllErrors()).singleElement().satisfies(error -> assertThat(
                          error.getDefaultMessage()).isEqualTo("ledger.limits.burst needs"
                          + " ledger.limits.requests-per-second; without a rate there is no throttling"));
              });
    }

    private static BindValidationException bindValidationFailureIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindValidationException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no BindValidationException in " + failure, failure);
    }

    private static BindException bindFailureIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return bind;
            }
        }
        throw new AssertionError("no BindException in " + failure, failure);
    }
}
