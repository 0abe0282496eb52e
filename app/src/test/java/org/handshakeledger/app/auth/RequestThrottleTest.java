package org.handshakeledger.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

class RequestThrottleTest {
    private static final AccountDirectory DIRECTORY = AccountDirectory.demo();
    private static final AuthenticatedCaller ALICE = caller("222222222222", "AKIADEMO222222222222");
    private static final AuthenticatedCaller ALICE_WITH_SESSION_KEY = caller("222222222222", "ASIADEMO222222222222");
    private static final AuthenticatedCaller BOB = caller("333333333333", "AKIADEMO333333333333");

    private final ManualTime time = new ManualTime();

    @Test
    void admitsTheBurstAtOnceThenAnswersRateExceeded() {
        // given
        RequestThrottle throttle = RequestThrottle.perAccount(DIRECTORY, 2, 3, time);

        // when
        for (int i = 0; i < 3; i++) {
            throttle.admit(ALICE);
        }
        TooManyRequestsException refused = catchThrowableOfType(TooManyRequestsException.class,
                () -> throttle.admit(ALICE));

        // then
        assertThat(refused).hasMessage("Rate exceeded");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void admitsOneMoreRequestPerSecondOverTheRate() {
        // given
        RequestThrottle throttle = RequestThrottle.perAccount(DIRECTORY, 2, 2, time);
        throttle.admit(ALICE);
        throttle.admit(ALICE);

        // when
        time.advance(Duration.ofMillis(499));
        assertThatThrownBy(() -> throttle.admit(ALICE)).isInstanceOf(TooManyRequestsException.class);
        time.advance(Duration.ofMillis(1));

        // then
        throttle.admit(ALICE);
        assertThatThrownBy(() -> throttle.admit(ALICE)).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void neverSavesUpMoreThanTheBurst() {
        // given
        RequestThrottle throttle = RequestThrottle.perAccount(DIRECTORY, 5, 2, time);

        // when
        time.advance(Duration.ofHours(1));

        // then
        throttle.admit(ALICE);
        throttle.admit(ALICE);
        assertThatThrownBy(() -> throttle.admit(ALICE)).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void keepsOneBudgetPerAccountWhicheverOfItsKeysSigned() {
        // given
        RequestThrottle throttle = RequestThrottle.perAccount(DIRECTORY, 1, 2, time);

        // when
        throttle.admit(ALICE);
        throttle.admit(ALICE_WITH_SESSION_KEY);

        // then
        assertThatThrownBy(() -> throttle.admit(ALICE_WITH_SESSION_KEY))
                .isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> throttle.admit(ALICE)).isInstanceOf(TooManyRequestsException.class);
        throttle.admit(BOB);
        throttle.admit(BOB);
    }

    @Test
    void offAdmitsEveryRequest() {
        // given
        RequestThrottle throttle = RequestThrottle.off();

        // when / then
        for (int i = 0; i < 10_000; i++) {
            throttle.admit(ALICE);
        }
        assertThat(throttle.isEnabled()).isFalse();
    }

    @Test
    void refusesARateOrBurstBelowOne() {
        assertThatThrownBy(() -> RequestThrottle.perAccount(DIRECTORY, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestThrottle.perAccount(DIRECTORY, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AuthenticatedCaller caller(String accountId, String accessKeyId) {
        return new AuthenticatedCaller(DIRECTORY.account(accountId).orElseThrow(), accessKeyId, "us-east-1");
    }

    /** Time that moves only when the test says so. */
    private static final class ManualTime implements TimeMeter {
        private long nanos = Duration.ofDays(1).toNanos();

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
