package org.handshakeledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.handshakeledger.domain.account.AcceptWhileMember;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

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

    private static BindException bindFailureIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return bind;
            }
        }
        throw new AssertionError("no BindException in " + failure, failure);
    }
}
