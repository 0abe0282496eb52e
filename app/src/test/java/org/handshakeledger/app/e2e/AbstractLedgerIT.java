package org.handshakeledger.app.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.handshakeledger.HandshakeLedgerApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ActiveProfilesResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.CreateOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Starts the real application on a random port, over an H2 file database of its own (a fresh PostgreSQL database
 * when the system property {@code ledger.it.store} is {@code postgres}: {@link TestPostgres}) and an accounts file of
 * {@link LedgerActors#CAPACITY} accounts (plus {@link LedgerActors#AUDITOR} and {@link LedgerActors#OPERATOR}, the
 * ones with the roles {@code auditor} and {@code operator}), each with a long-term key and a key with a session token,
 * and talks to it only through the AWS SDK for Java v2, with retries off so
 * that every error is seen as AWS sent it. The context (and database) is shared by all ITs with the same settings;
 * tests stay independent by using fresh accounts from {@link LedgerActors}.
 */
@SpringBootTest(classes = HandshakeLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// /actuator/prometheus as in production: Spring Boot's tests leave metrics export out unless asked
@AutoConfigureObservability(tracing = false)
// room for many tests per organization; a subclass's own @TestPropertySource overrides these
@ActiveProfiles(resolver = AbstractLedgerIT.StoreProfile.class)
@TestPropertySource(properties = {
    // a start does not compare the entities with the schema Flyway made (application.yml); the suite does, per store
    "spring.jpa.hibernate.ddl-auto=validate",
    "ledger.limits.accounts-per-organization=100",
    "ledger.limits.invitations-per-day=100"
})
public abstract class AbstractLedgerIT {
    static final Path ACCOUNTS_FILE = writeAccountsFile();

    @LocalServerPort
    int port;

    private final java.util.List<OrganizationsClient> clients = new java.util.ArrayList<>();

    /** Called once per application context the suite starts, so every context has a store of its own. */
    @DynamicPropertySource
    static void ledgerProperties(DynamicPropertyRegistry registry) {
        registry.add("ledger.accounts-file", ACCOUNTS_FILE::toString);
        String dataDir = Path.of("target", "it-data", UUID.randomUUID().toString()).toString();
        registry.add("ledger.data-dir", () -> dataDir);
        if (TestPostgres.selectedForEndToEnd()) {
            TestPostgres.Database database = TestPostgres.freshDatabase();
            registry.add("spring.datasource.url", database::url);
            registry.add("spring.datasource.username", database::user);
            registry.add("spring.datasource.password", database::password);
            // the suite keeps up to a dozen contexts alive at once, each with its pool: a few connections each
            registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
            registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        }
    }

    /** The profile {@code postgres} on the failsafe run of that name, none otherwise. */
    static final class StoreProfile implements ActiveProfilesResolver {
        @Override
        public String[] resolve(Class<?> testClass) {
            return TestPostgres.selectedForEndToEnd() ? new String[] {"postgres"} : new String[0];
        }
    }

    /** On the failsafe run {@code postgres}: skipped without a PostgreSQL, failed under CI (see TestPostgres). */
    @BeforeAll
    static void storeAvailable() {
        if (TestPostgres.selectedForEndToEnd()) {
            TestPostgres.assumeAvailable();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(OrganizationsClient::close);
        clients.clear();
    }

    /** An SDK client signed with the account's key, in us-east-1. */
    OrganizationsClient client(String accountId) {
        return client(accountId, Region.US_EAST_1);
    }

    OrganizationsClient client(String accountId, Region region) {
        OrganizationsClient client = sdkClient(endpoint(), accountId, region);
        clients.add(client);
        return client;
    }

    /** An SDK client of the ledger at {@code endpoint}, signed with the account's key, with retries off. */
    static OrganizationsClient sdkClient(URI endpoint, String accountId, Region region) {
        return sdkClient(endpoint, AwsBasicCredentials.create(LedgerActors.accessKeyId(accountId),
                LedgerActors.secret(accountId)), region);
    }

    /** An SDK client of the ledger at {@code endpoint} with any credentials, with retries off. */
    static OrganizationsClient sdkClient(URI endpoint, AwsCredentials credentials, Region region,
                                         ExecutionInterceptor... interceptors) {
        return OrganizationsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> {
                    o.retryPolicy(RetryPolicy.none());
                    for (ExecutionInterceptor interceptor : interceptors) {
                        o.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }

    /** Where the application under test listens. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A fresh account that creates an organization with the given feature set; returns the organization id. */
    String createOrganization(String management, OrganizationFeatureSet featureSet) {
        CreateOrganizationResponse response = client(management).createOrganization(r -> r.featureSet(featureSet));
        return response.organization().id();
    }

    Handshake invite(String management, String target) {
        return client(management).inviteAccountToOrganization(r -> r.target(t -> t.id(target)
                .type(HandshakePartyType.ACCOUNT))).handshake();
    }

    /** Creates an organization managed by {@code management} and makes {@code member} an invited member of it. */
    String organizationWithMember(String management, String member, OrganizationFeatureSet featureSet) {
        String organization = createOrganization(management, featureSet);
        Handshake invitation = invite(management, member);
        client(member).acceptHandshake(r -> r.handshakeId(invitation.id()));
        return organization;
    }

    private static Path writeAccountsFile() {
        StringBuilder yaml = new StringBuilder("accounts:\n");
        for (int i = 0; i < LedgerActors.CAPACITY; i++) {
            appendAccount(yaml, LedgerActors.accountId(i));
        }
        appendAccount(yaml, LedgerActors.AUDITOR);
        yaml.append("    roles: [auditor]\n");
        appendAccount(yaml, LedgerActors.OPERATOR);
        yaml.append("    roles: [operator]\n");
        try {
            Path file = Files.createTempFile("handshake-ledger-it-accounts", ".yaml");
            Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendAccount(StringBuilder yaml, String id) {
        yaml.append("  - id: \"").append(id).append("\"\n")
                .append("    name: ").append(LedgerActors.name(id)).append('\n')
                .append("    email: ").append(LedgerActors.email(id)).append('\n')
                .append("    access-keys:\n")
                .append("      - id: ").append(LedgerActors.accessKeyId(id)).append('\n')
                .append("        secret: ").append(LedgerActors.secret(id)).append('\n')
                .append("      - id: ").append(LedgerActors.sessionAccessKeyId(id)).append('\n')
                .append("        secret: ").append(LedgerActors.sessionSecret(id)).append('\n')
                .append("        session-token: ").append(LedgerActors.sessionToken(id)).append('\n');
    }
}
