package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * The log of a run keeps no secret: the values a test sends (secrets, session tokens, signatures, email addresses,
 * Notes, query strings), on calls that succeed and calls that are refused, appear nowhere in what the ledger writes at
 * INFO or above (its console output, which is every log line at the levels a deployment runs with, the request log's
 * line of each call included).
 */
@ExtendWith(OutputCaptureExtension.class)
// a context of its own: the digest it signs would otherwise anchor the trail that ProjectionRebuildIT rebuilds
@TestPropertySource(properties = "ledger.audit.digest-interval=PT2H")
class LogsKeepSecretsIT extends AbstractLedgerIT {
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");

    private final List<String> signatures = new ArrayList<>();

    @Test
    void noSecretTokenSignatureEmailOrNotesTextIsLogged(CapturedOutput output) {
        // given
        String management = LedgerActors.next();
        String email = "confidential-" + UUID.randomUUID() + "@example.com";
        String malformedEmail = "confidential-" + UUID.randomUUID() + "@nowhere";
        String notes = "confidential notes " + UUID.randomUUID();
        String scriptNotes = "<script>alert('" + UUID.randomUUID() + "')</script>";
        String wrongToken = LedgerActors.sessionToken(management) + "-stolen";
        String wrongSecret = "wrong-" + UUID.randomUUID();

        // when: a day's work through temporary credentials, and the refusals of bad input and bad credentials
        try (OrganizationsClient temporary = client(AwsSessionCredentials.create(
                LedgerActors.sessionAccessKeyId(management), LedgerActors.sessionSecret(management),
                LedgerActors.sessionToken(management)));
             OrganizationsClient stolenToken = client(AwsSessionCredentials.create(
                     LedgerActors.sessionAccessKeyId(management), LedgerActors.sessionSecret(management),
                     wrongToken));
             OrganizationsClient wrongKey = client(AwsBasicCredentials.create(LedgerActors.accessKeyId(management),
                     wrongSecret))) {
            temporary.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
            temporary.inviteAccountToOrganization(r -> r.target(t -> t.id(email).type(HandshakePartyType.EMAIL))
                    .notes(notes));
            catchThrowable(() -> temporary.inviteAccountToOrganization(r -> r.target(t -> t.id(LedgerActors.next())
                    .type(HandshakePartyType.ACCOUNT)).notes(scriptNotes)));
            catchThrowable(() -> temporary.inviteAccountToOrganization(r -> r.target(t -> t.id(malformedEmail)
                    .type(HandshakePartyType.EMAIL))));
            catchThrowable(stolenToken::describeOrganization);
            catchThrowable(wrongKey::describeOrganization);
        }
        // a line the ledger logs at INFO: the capture works
        new LedgerHttp(port).send("POST", LedgerActors.accessKeyId(LedgerActors.AUDITOR),
                LedgerActors.secret(LedgerActors.AUDITOR), "/ledger/audit/digests");
        // a query string stays out of the request log, which names the path only
        String queryValue = "confidential-query-" + UUID.randomUUID();
        new LedgerHttp(port).get(LedgerActors.AUDITOR, "/ledger/audit?handshakeId=" + queryValue);

        // then: a request's line is written once it has been answered, a moment after its caller has the answer
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getAll())
                .contains("Signed audit digest", "org.handshakeledger.requests",
                        "operation=InviteAccountToOrganization", "GET /ledger/audit requestId="));
        assertThat(signatures).hasSizeGreaterThanOrEqualTo(6);
        List<String> sent = new ArrayList<>(List.of(LedgerActors.secret(management),
                LedgerActors.sessionSecret(management), LedgerActors.sessionToken(management), wrongToken,
                wrongSecret, email, malformedEmail, notes, scriptNotes, LedgerActors.email(management), queryValue));
        sent.addAll(signatures);
        assertThat(sent).allSatisfy(value -> assertThat(output.getAll()).doesNotContain(value));
    }

    /** A client whose every signature is kept in {@link #signatures}. */
    private OrganizationsClient client(AwsCredentials credentials) {
        return sdkClient(endpoint(), credentials, Region.US_EAST_1, new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                context.httpRequest().firstMatchingHeader("Authorization").ifPresent(header -> {
                    Matcher signature = SIGNATURE.matcher(header);
                    if (signature.find()) {
                        signatures.add(signature.group(1));
                    }
                });
            }
        });
    }
}
