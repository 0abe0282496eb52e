package org.handshakeledger.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsAsyncClient;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForAccountResponse;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * One AWS SDK v2 async client (Netty) for all benchmark accounts, retries off, signing each request with the
 * caller's own key through a per-request credentials override. Its HTTP client is built by {@link #httpClient},
 * which the HTTP baseline uses too, so both measure the same connection pool and event loop.
 */
final class BenchClient implements AutoCloseable {
    private final SdkAsyncHttpClient http;
    private final OrganizationsAsyncClient client;

    BenchClient(URI endpoint, int concurrency) {
        this.http = httpClient(concurrency);
        this.client = OrganizationsAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(BenchAccounts.seedManager(0)))
                .httpClient(http)
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    /** The HTTP client of the SDK client and of the HTTP baseline: one connection per in-flight request. */
    static SdkAsyncHttpClient httpClient(int concurrency) {
        return NettyNioAsyncHttpClient.builder()
                .maxConcurrency(concurrency)
                .connectionAcquisitionTimeout(Duration.ofSeconds(60))
                .readTimeout(Duration.ofSeconds(60))
                .build();
    }

    CompletableFuture<String> createOrganization(String caller) {
        return client.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL).overrideConfiguration(as(caller)))
                .thenApply(response -> response.organization().id());
    }

    CompletableFuture<Handshake> invite(String caller, String target) {
        return client.inviteAccountToOrganization(r -> r.target(t -> t.id(target).type(HandshakePartyType.ACCOUNT))
                .overrideConfiguration(as(caller))).thenApply(response -> response.handshake());
    }

    CompletableFuture<Handshake> accept(String caller, String handshakeId) {
        return client.acceptHandshake(r -> r.handshakeId(handshakeId).overrideConfiguration(as(caller)))
                .thenApply(response -> response.handshake());
    }

    CompletableFuture<Handshake> decline(String caller, String handshakeId) {
        return client.declineHandshake(r -> r.handshakeId(handshakeId).overrideConfiguration(as(caller)))
                .thenApply(response -> response.handshake());
    }

    CompletableFuture<Handshake> cancel(String caller, String handshakeId) {
        return client.cancelHandshake(r -> r.handshakeId(handshakeId).overrideConfiguration(as(caller)))
                .thenApply(response -> response.handshake());
    }

    CompletableFuture<Handshake> describe(String caller, String handshakeId) {
        return client.describeHandshake(r -> r.handshakeId(handshakeId).overrideConfiguration(as(caller)))
                .thenApply(response -> response.handshake());
    }

    CompletableFuture<ListHandshakesForAccountResponse> listForAccount(String caller, String nextToken) {
        return client.listHandshakesForAccount(r -> r.maxResults(20).nextToken(nextToken)
                .overrideConfiguration(as(caller)));
    }

    CompletableFuture<ListHandshakesForOrganizationResponse> listForOrganization(String caller, String nextToken) {
        return client.listHandshakesForOrganization(r -> r.maxResults(20).nextToken(nextToken)
                .overrideConfiguration(as(caller)));
    }

    SdkAsyncHttpClient http() {
        return http;
    }

    @Override
    public void close() {
        client.close();
        http.close();
    }

    private static AwsRequestOverrideConfiguration as(String accountId) {
        return AwsRequestOverrideConfiguration.builder().credentialsProvider(credentials(accountId)).build();
    }

    private static StaticCredentialsProvider credentials(String accountId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(BenchAccounts.accessKeyId(accountId),
                BenchAccounts.secret(accountId)));
    }
}
