package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.Tag;
import software.amazon.awssdk.services.organizations.model.TargetNotFoundException;

/**
 * The isolation matrix: a caller from another organization, and a standalone account, call every {@code /ledger}
 * endpoint and every operation about an organization that is not theirs, and learn nothing of it: each answer is
 * {@code HandshakeNotFoundException}, {@code AccountNotFoundException}, {@code TargetNotFoundException}, 403 or a result without it, and no answer
 * names the organization, its handshakes or its accounts, except the caller's own refused calls repeating the ids the
 * caller sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationIT extends HandshakeITSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    // the organization whose secrets are kept
    private final String management = fresh();
    private final String member = fresh();
    private final String invitee = fresh();
    private String organization;
    private String invitation;
    private String enableAllFeatures;
    private String approval;

    // the callers who must learn nothing of it
    private final String otherManagement = fresh();
    private final String standalone = fresh();

    @BeforeAll
    void anOrganizationWithAMemberAnOpenInvitationAndAnEnableAllFeaturesRequest() {
        organization = consolidatedBillingOrganization(management);
        Handshake joined = inviteAccount(management, member, Tag.builder().key("team").value("secret").build());
        accept(member, joined.id());
        invitation = inviteAccount(management, invitee).id();
        enableAllFeatures = as(management).enableAllFeatures(r -> { }).handshake().id();
        approval = receivedBy(member).stream().filter(h -> !h.id().equals(joined.id())).findFirst().orElseThrow()
                .id();
        createOrganization(otherManagement, OrganizationFeatureSet.ALL);
        forgetCachedClients();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"management account of another organization", "standalone account"})
    void aCallerOutsideTheOrganizationLearnsNothingOfIt(String who) throws Exception {
        String caller = who.startsWith("management") ? otherManagement : standalone;
        boolean inAnOrganization = caller.equals(otherManagement);
        OrganizationsClient client = as(caller);
        LedgerHttp http = new LedgerHttp(port);
        SoftAssertions softly = new SoftAssertions();

        // the /ledger endpoints
        RawSignedRequests.Response history = http.get(caller, "/ledger/handshakes/" + invitation + "/history");
        RawSignedRequests.Response unknownHistory = http.get(caller, "/ledger/handshakes/h-0123456789abcdef/history");
        softly.assertThat(history.status()).as("history").isEqualTo(404);
        softly.assertThat(history.errorType()).as("history").isEqualTo(unknownHistory.errorType());
        for (String export : List.of("", "?format=cloudtrail", "?format=csv", "?format=chain",
                "?organizationId=" + organization, "?handshakeId=" + invitation, "?accountId=" + member)) {
            RawSignedRequests.Response audit = http.get(caller, "/ledger/audit" + export);
            softly.assertThat(audit.status()).as("/ledger/audit" + export).isEqualTo(200);
            softly.assertThat(secretsIn(audit.body())).as("/ledger/audit" + export).isEmpty();
        }
        for (String[] forbidden : List.of(new String[] {"GET", "/ledger/audit/verify"},
                new String[] {"GET", "/ledger/audit/digests"}, new String[] {"POST", "/ledger/audit/digests"},
                new String[] {"GET", "/ledger/projections"},
                new String[] {"GET", "/ledger/projections/handshake-views/checksum"},
                new String[] {"POST", "/ledger/projections/handshake-views/replay"})) {
            RawSignedRequests.Response response = http.send(forbidden[0], LedgerActors.accessKeyId(caller),
                    LedgerActors.secret(caller), forbidden[1]);
            softly.assertThat(response.status()).as(forbidden[0] + " " + forbidden[1]).isEqualTo(403);
            softly.assertThat(response.errorType()).as(forbidden[0] + " " + forbidden[1])
                    .isEqualTo("AccessDeniedException");
        }
        RawSignedRequests.Response publicKey = http.get(caller, "/ledger/audit/public-key");
        softly.assertThat(publicKey.status()).as("public key").isEqualTo(200);

        // the AWS API
        for (String handshake : List.of(invitation, enableAllFeatures, approval)) {
            notFound(softly, "DescribeHandshake " + handshake, () -> client.describeHandshake(r -> r.handshakeId(handshake)));
            notFound(softly, "AcceptHandshake " + handshake, () -> client.acceptHandshake(r -> r.handshakeId(handshake)));
            notFound(softly, "DeclineHandshake " + handshake, () -> client.declineHandshake(r -> r.handshakeId(handshake)));
            notFound(softly, "CancelHandshake " + handshake, () -> client.cancelHandshake(r -> r.handshakeId(handshake)));
        }
        softly.assertThat(secretsIn(client.listHandshakesForAccount(r -> { }).toString()))
                .as("ListHandshakesForAccount").isEmpty();
        softly.assertThat(secretsIn(client.listHandshakesForAccount(r -> r.filter(f -> f.parentHandshakeId(
                enableAllFeatures))).toString())).as("ListHandshakesForAccount, ParentHandshakeId").isEmpty();
        if (inAnOrganization) {
            softly.assertThat(secretsIn(client.listHandshakesForOrganization(r -> { }).toString()))
                    .as("ListHandshakesForOrganization").isEmpty();
            softly.assertThat(client.listHandshakesForOrganization(r -> r.filter(f -> f.parentHandshakeId(
                    enableAllFeatures))).handshakes()).as("ListHandshakesForOrganization, ParentHandshakeId").isEmpty();
            softly.assertThat(secretsIn(client.describeOrganization().toString())).as("DescribeOrganization")
                    .isEmpty();
            softly.assertThat(secretsIn(client.listAccounts().toString())).as("ListAccounts").isEmpty();
            softly.assertThatThrownBy(() -> client.removeAccountFromOrganization(r -> r.accountId(member)))
                    .as("RemoveAccountFromOrganization").isInstanceOf(AccountNotFoundException.class);
            softly.assertThatThrownBy(() -> client.listTagsForResource(r -> r.resourceId(member)))
                    .as("ListTagsForResource").isInstanceOf(TargetNotFoundException.class);
        } else {
            softly.assertThatThrownBy(() -> client.listHandshakesForOrganization(r -> { }))
                    .as("ListHandshakesForOrganization").isInstanceOf(AwsOrganizationsNotInUseException.class);
            softly.assertThatThrownBy(client::describeOrganization).as("DescribeOrganization")
                    .isInstanceOf(AwsOrganizationsNotInUseException.class);
            softly.assertThatThrownBy(() -> client.listAccounts(r -> { })).as("ListAccounts")
                    .isInstanceOf(AwsOrganizationsNotInUseException.class);
            softly.assertThatThrownBy(() -> client.listTagsForResource(r -> r.resourceId(member)))
                    .as("ListTagsForResource").isInstanceOf(AwsOrganizationsNotInUseException.class);
        }

        // afterwards, the caller's refused calls are in the trail as its own: they repeat the ids it sent, and nothing
        // it did not send
        for (JsonNode record : LedgerHttp.jsonLines(http.get(caller, "/ledger/audit").body())) {
            softly.assertThat(unsent(record.toString())).as("record %s", record).isEmpty();
            if (!secretsIn(record.toString()).isEmpty()) {
                softly.assertThat(record.get("actorAccountId").asText()).as("record %s", record).isEqualTo(caller);
                softly.assertThat(record.get("errorCode").isNull()).as("record %s", record).isFalse();
            }
        }

        // the event stream: everything up to an event of the caller's own, made after all of the organization's
        HttpResponse<InputStream> response = http.stream(caller, "/ledger/events", Map.of());
        softly.assertThat(response.statusCode()).as("/ledger/events").isEqualTo(200);
        try (SseStream stream = new SseStream(response.body())) {
            String own = inviteAccount(otherManagement, inAnOrganization ? fresh() : caller).id();
            List<SseStream.Frame> frames = stream.takeThrough(f -> f.data().toString().contains(own), PATIENCE);
            softly.assertThat(secretsIn(frames.toString())).as("/ledger/events").isEmpty();
        }
        softly.assertAll();
    }

    private static void notFound(SoftAssertions softly, String call, ThrowingCallable callable) {
        softly.assertThatThrownBy(callable).as(call).isInstanceOf(HandshakeNotFoundException.class);
    }

    /** What of the organization's the callers never send: its id and its management account. */
    private List<String> unsent(String text) {
        return List.of(organization, management).stream().filter(text::contains).toList();
    }

    /** What of the organization's a text names: its id, its handshakes, its member or its management account. */
    private List<String> secretsIn(String text) {
        return List.of(organization, invitation, enableAllFeatures, approval, member, management).stream()
                .filter(text::contains).toList();
    }
}
