package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.HandshakeState;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForAccountResponse;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.OrganizationsException;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * Shared vocabulary of the handshake ITs: one cached SDK client per account and test, whole-list reads that follow
 * every NextToken, and a check that a handshake looks the same through Describe and both List operations.
 */
abstract class HandshakeITSupport extends AbstractLedgerIT {
    private final Map<String, OrganizationsClient> clientsByAccount = new HashMap<>();

    @AfterEach
    void forgetCachedClients() {
        clientsByAccount.clear();
    }

    /** The SDK client of {@code accountId}, one per test; closed by {@link AbstractLedgerIT} after the test. */
    OrganizationsClient as(String accountId) {
        return clientsByAccount.computeIfAbsent(accountId, this::client);
    }

    static String fresh() {
        return LedgerActors.next();
    }

    /** A distinct, well-formed address that belongs to no account. */
    static String unknownEmail() {
        return "it2-" + UUID.randomUUID().toString().substring(0, 13) + "@example.com";
    }

    String consolidatedBillingOrganization(String management) {
        return createOrganization(management, OrganizationFeatureSet.CONSOLIDATED_BILLING);
    }

    Handshake inviteAccount(String management, String account) {
        return as(management).inviteAccountToOrganization(r -> r.target(t -> t.id(account)
                .type(HandshakePartyType.ACCOUNT))).handshake();
    }

    Handshake inviteAccount(String management, String account, Tag... tags) {
        return as(management).inviteAccountToOrganization(r -> r.target(t -> t.id(account)
                .type(HandshakePartyType.ACCOUNT)).tags(tags)).handshake();
    }

    Handshake inviteEmail(String management, String email) {
        return as(management).inviteAccountToOrganization(r -> r.target(t -> t.id(email)
                .type(HandshakePartyType.EMAIL))).handshake();
    }

    Handshake accept(String caller, String handshakeId) {
        return as(caller).acceptHandshake(r -> r.handshakeId(handshakeId)).handshake();
    }

    Handshake decline(String caller, String handshakeId) {
        return as(caller).declineHandshake(r -> r.handshakeId(handshakeId)).handshake();
    }

    Handshake cancel(String caller, String handshakeId) {
        return as(caller).cancelHandshake(r -> r.handshakeId(handshakeId)).handshake();
    }

    Handshake describe(String caller, String handshakeId) {
        return as(caller).describeHandshake(r -> r.handshakeId(handshakeId)).handshake();
    }

    /** Every handshake {@code account} received, following NextToken to the end. */
    List<Handshake> receivedBy(String account) {
        List<Handshake> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListHandshakesForAccountResponse page = as(account).listHandshakesForAccount(r -> r.nextToken(next));
            all.addAll(page.handshakes());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    /** Every handshake the organization managed by {@code management} sent, following NextToken to the end. */
    List<Handshake> sentBy(String management) {
        List<Handshake> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListHandshakesForOrganizationResponse page = as(management)
                    .listHandshakesForOrganization(r -> r.nextToken(next));
            all.addAll(page.handshakes());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    /** The accounts of the organization managed by {@code management}, following NextToken to the end. */
    List<Account> accountsOf(String management) {
        List<Account> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListAccountsResponse page = as(management).listAccounts(r -> r.nextToken(next));
            all.addAll(page.accounts());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    List<String> accountIdsOf(String management) {
        return accountsOf(management).stream().map(Account::id).toList();
    }

    static Optional<Handshake> find(List<Handshake> handshakes, String handshakeId) {
        return handshakes.stream().filter(h -> h.id().equals(handshakeId)).findFirst();
    }

    /**
     * Read-your-writes: right after a mutating call, the recipient's and the management account's Describe, the
     * recipient's ListHandshakesForAccount and the organization's ListHandshakesForOrganization all show
     * {@code state}.
     */
    void assertSeenEverywhereAs(String handshakeId, HandshakeState state, String recipient, String management) {
        assertThat(describe(recipient, handshakeId).state()).as("Describe by the recipient").isEqualTo(state);
        assertThat(describe(management, handshakeId).state()).as("Describe by the management account")
                .isEqualTo(state);
        assertThat(find(receivedBy(recipient), handshakeId)).as("ListHandshakesForAccount of the recipient")
                .hasValueSatisfying(h -> assertThat(h.state()).isEqualTo(state));
        assertThat(find(sentBy(management), handshakeId)).as("ListHandshakesForOrganization")
                .hasValueSatisfying(h -> assertThat(h.state()).isEqualTo(state));
    }

    /** The modeled AWS error {@code call} fails with; asserts its type and HTTP 400. */
    static <T extends OrganizationsException> T failureOf(Class<T> type, ThrowingCallable call) {
        T failure = catchThrowableOfType(type, call);
        assertThat(failure).as("expected the call to fail with %s", type.getSimpleName()).isNotNull();
        assertThat(failure.statusCode()).as("HTTP status of %s", type.getSimpleName()).isEqualTo(400);
        assertThat(failure.awsErrorDetails().errorMessage()).as("Message of %s", type.getSimpleName()).isNotBlank();
        return failure;
    }
}
