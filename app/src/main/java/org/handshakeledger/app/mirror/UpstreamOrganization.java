package org.handshakeledger.app.mirror;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForAccountResponse;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.Organization;

/**
 * The AWS Organizations endpoint the mirror reads, through the AWS SDK for Java v2 with the SDK's default credential
 * chain (environment, system properties, profiles and SSO, container and instance roles) and its standard retry
 * strategy: throttling and server errors are retried with exponential backoff and jitter, up to
 * {@value #ATTEMPTS} attempts per call, before the poll gives up until the next one.
 */
public class UpstreamOrganization implements AutoCloseable {
    static final int ATTEMPTS = 5;
    /** How the endpoint is named in the mirror's records when it is the real AWS. */
    public static final String AWS = "aws";

    private final String endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final OrganizationsClient client;

    public UpstreamOrganization(URI endpointUrl, String region) {
        this.endpoint = endpointUrl == null ? AWS : endpointUrl.toString();
        this.region = region;
        this.credentials = DefaultCredentialsProvider.builder().build();
        var builder = OrganizationsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(ATTEMPTS).build())
                        .apiCallTimeout(Duration.ofMinutes(2)));
        if (endpointUrl != null) {
            builder.endpointOverride(endpointUrl);
        }
        this.client = builder.build();
    }

    /** The endpoint as the records name it: its URL, or {@value #AWS}. */
    public String endpoint() {
        return endpoint;
    }

    public String region() {
        return region;
    }

    /** The access key id the credential chain resolves now (never the secret), for the records. */
    String accessKeyId() {
        return credentials.resolveCredentials().accessKeyId();
    }

    /** The organization the credentials are in; null when they are in none (or may not describe it). */
    Organization organization() {
        return permitted(() -> client.describeOrganization().organization());
    }

    /** Every handshake the organization sent, paged to the end; null when the credentials may not list them. */
    List<Handshake> organizationHandshakes() {
        return permitted(() -> collect(client.listHandshakesForOrganizationPaginator(r -> { }),
                ListHandshakesForOrganizationResponse::handshakes));
    }

    /** Every handshake of the credentials' own account, paged to the end; null when they may not list them. */
    List<Handshake> accountHandshakes() {
        return permitted(() -> collect(client.listHandshakesForAccountPaginator(r -> { }),
                ListHandshakesForAccountResponse::handshakes));
    }

    private static <P> List<Handshake> collect(Iterable<P> pages, Function<P, List<Handshake>> handshakes) {
        List<Handshake> all = new ArrayList<>();
        pages.forEach(page -> all.addAll(handshakes.apply(page)));
        return all;
    }

    /** The answer, or null when the credentials are not allowed to ask (which no retry changes). */
    private static <T> T permitted(Supplier<T> call) {
        try {
            return call.get();
        } catch (AccessDeniedException | AwsOrganizationsNotInUseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
