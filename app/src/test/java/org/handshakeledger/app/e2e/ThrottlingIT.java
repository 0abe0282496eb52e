package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.OrganizationsException;
import software.amazon.awssdk.services.organizations.model.TooManyRequestsException;

/**
 * Throttling turned on ({@code --ledger.limits.requests-per-second=2 --ledger.limits.burst=2}), seen through the
 * Java SDK with its retries off (the error as sent) and on (the SDK waits and retries on its own), and through the
 * {@code /ledger} endpoints and the web console.
 */
@TestPropertySource(properties = {
    "ledger.limits.requests-per-second=2",
    "ledger.limits.burst=2"
})
class ThrottlingIT extends AbstractLedgerIT {
    private static final int BURST = 2;
    // far more calls than a fresh token every 500 ms lets through while they follow each other
    private static final int ENOUGH_TO_BE_THROTTLED = 30;
    private static final String THROTTLED = "ledger_requests_throttled_total";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAccountOverItsBurstGetsTooManyRequestsExceptionAsAwsSendsIt() {
        // given
        OrganizationsClient client = client(LedgerActors.next());
        double throttledBefore = PrometheusScrape.of(new LedgerHttp(port)).sum(THROTTLED, Map.of("endpoint", "aws"));

        // when
        for (int i = 0; i < BURST; i++) {
            client.listHandshakesForAccount(r -> { });
        }
        TooManyRequestsException throttled = throttle(client);

        // then
        assertThat(PrometheusScrape.of(new LedgerHttp(port)).sum(THROTTLED, Map.of("endpoint", "aws")))
                .isEqualTo(throttledBefore + 1);
        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
        assertThat(throttled.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
        assertThat(throttled.isThrottlingException()).isTrue();
        assertThat(throttled.requestId()).isNotBlank();
    }

    @Test
    void anotherAccountIsNotSlowedDownByAThrottledOne() {
        // given
        throttle(client(LedgerActors.next()));
        OrganizationsClient other = client(LedgerActors.next());

        // when / then
        for (int i = 0; i < BURST; i++) {
            assertThat(other.listHandshakesForAccount(r -> { }).handshakes()).isEmpty();
        }
    }

    @Test
    void withItsDefaultRetriesTheSdkGetsEveryCallThrough() {
        // given
        String account = LedgerActors.next();
        AtomicInteger throttledAttempts = new AtomicInteger();
        ExecutionInterceptor countThrottled = new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                if (context.httpResponse().statusCode() == 400) {
                    throttledAttempts.incrementAndGet();
                }
            }
        };

        // when
        List<Integer> answered = new ArrayList<>();
        try (OrganizationsClient retrying = OrganizationsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LedgerActors.accessKeyId(account), LedgerActors.secret(account))))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(countThrottled))
                .build()) {
            for (int i = 0; i < 3 * BURST; i++) {
                answered.add(retrying.listHandshakesForAccount(r -> { }).sdkHttpResponse().statusCode());
            }
        }

        // then
        assertThat(answered).hasSize(3 * BURST).containsOnly(200);
        assertThat(throttledAttempts).as("attempts the SDK retried").hasPositiveValue();
    }

    @Test
    void aThrottledCallIsNotRecordedAsARefusalInTheAuditTrail() {
        // given: the account is in no organization, so an invitation it sends is refused, and recorded
        String account = LedgerActors.next();
        String target = LedgerActors.next();
        OrganizationsClient client = client(account);
        List<Class<?>> answers = new ArrayList<>();

        // when
        Consumer<OrganizationsClient> invite = c -> c.inviteAccountToOrganization(r -> r.target(t -> t.id(target)
                .type(HandshakePartyType.ACCOUNT)));
        while (!answers.contains(TooManyRequestsException.class) && answers.size() < ENOUGH_TO_BE_THROTTLED) {
            OrganizationsException error = catchThrowableOfType(OrganizationsException.class,
                    () -> invite.accept(client));
            answers.add(error == null ? Void.class : error.getClass());
        }

        // then
        long notInUse = answers.stream().filter(AwsOrganizationsNotInUseException.class::equals).count();
        assertThat(answers).contains(TooManyRequestsException.class);
        assertThat(notInUse).isGreaterThanOrEqualTo(BURST);
        assertThat(refusalsNaming(target)).containsOnly("AWSOrganizationsNotInUseException").hasSize((int) notInUse);
    }

    @Test
    void theLedgerEndpointsAnswer429WithRetryAfterFromTheSameBudget() {
        // given
        String account = LedgerActors.next();
        LedgerHttp http = new LedgerHttp(port);
        double throttledBefore = PrometheusScrape.of(http).sum(THROTTLED, Map.of("endpoint", "ledger"));

        // when
        RawSignedRequests.Response last = http.get(account, "/ledger/audit");
        for (int i = 0; i < ENOUGH_TO_BE_THROTTLED && last.status() != 429; i++) {
            last = http.get(account, "/ledger/audit");
        }
        double throttledAfter = PrometheusScrape.of(http).sum(THROTTLED, Map.of("endpoint", "ledger"));
        // right after, before a second token can have come back: separate budgets would admit both
        List<Class<?>> awsAnswers = new ArrayList<>();
        OrganizationsClient client = client(account);
        for (int i = 0; i < BURST; i++) {
            OrganizationsException error = catchThrowableOfType(OrganizationsException.class,
                    () -> client.listHandshakesForAccount(r -> { }));
            awsAnswers.add(error == null ? null : error.getClass());
        }

        // then
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.errorType()).isEqualTo("TooManyRequestsException");
        assertThat(last.json().path("Message").asText()).isEqualTo("Rate exceeded");
        assertThat(last.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds))
                .isPositive());
        assertThat(awsAnswers).contains(TooManyRequestsException.class);
        assertThat(throttledAfter).isEqualTo(throttledBefore + 1);
    }

    @Test
    void theConsolesPagesTakeFromTheSameBudget() {
        // given
        String account = LedgerActors.next();
        LedgerHttp http = new LedgerHttp(port);
        ConsoleSession browser = new ConsoleSession(endpoint());
        browser.signIn(LedgerActors.accessKeyId(account), LedgerActors.secret(account));
        double throttledBefore = PrometheusScrape.of(http).sum(THROTTLED, Map.of("endpoint", "console"));

        // when
        java.net.http.HttpResponse<String> last = browser.get("/console/handshakes");
        for (int i = 0; i < ENOUGH_TO_BE_THROTTLED && last.statusCode() != 429; i++) {
            last = browser.get("/console/handshakes");
        }
        double throttledAfter = PrometheusScrape.of(http).sum(THROTTLED, Map.of("endpoint", "console"));

        // then
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.body()).contains("more requests than the ledger allows per second");
        assertThat(throttledAfter).isEqualTo(throttledBefore + 1);
    }

    /** Calls until the SDK sees TooManyRequestsException, which is then what it saw. */
    private static TooManyRequestsException throttle(OrganizationsClient client) {
        for (int i = 0; i < ENOUGH_TO_BE_THROTTLED; i++) {
            TooManyRequestsException throttled = catchThrowableOfType(TooManyRequestsException.class,
                    () -> client.listHandshakesForAccount(r -> { }));
            if (throttled != null) {
                return throttled;
            }
        }
        throw new AssertionError(ENOUGH_TO_BE_THROTTLED + " calls in a row, none throttled");
    }

    /** The error codes of the refused requests in the event store whose parameters name {@code target}. */
    private List<String> refusalsNaming(String target) {
        return jdbc.query("select payload from domain_event_entry where payload_type like '%RequestRefusedEvent'",
                        (row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8)).stream()
                .filter(payload -> payload.contains(target))
                .map(payload -> RawSignedRequests.readJson(payload).path("errorCode").asText())
                .toList();
    }
}
