package org.handshakeledger.app.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests no AWS SDK can send (an unknown target, a body that is not JSON, a member of the wrong JSON type, an
 * empty body), signed with the SDK's own {@link AwsV4HttpSigner} and the account's key from {@link LedgerActors},
 * and sent with {@link HttpClient}, so the raw status, headers and body text of the answer can be inspected.
 */
final class RawSignedRequests {
    static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    static final String AWS_JSON = "application/x-amz-json-1.1";
    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI endpoint;

    RawSignedRequests(int port) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/");
    }

    /** {@code POST /} of the operation with the AWS JSON content type, signed by the account in us-east-1. */
    Response call(String accountId, String operation, String body) {
        return call(accountId, operation, body.getBytes(StandardCharsets.UTF_8));
    }

    Response call(String accountId, String operation, byte[] body) {
        return post(accountId, "us-east-1", headers(TARGET_PREFIX + operation, AWS_JSON), body);
    }

    /** The target and content type as given; a null one is left out. */
    static Map<String, String> headers(String target, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (target != null) {
            headers.put("X-Amz-Target", target);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    Response post(String accountId, String region, Map<String, String> headers, byte[] body) {
        return post(LedgerActors.accessKeyId(accountId), LedgerActors.secret(accountId), region, headers, body);
    }

    Response post(String accessKeyId, String secret, String region, Map<String, String> headers, byte[] body) {
        return post(accessKeyId, secret, region, headers, body, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Like {@link #call(String, String, byte[])}, but the body goes out chunked, with no Content-Length. */
    Response callChunked(String accountId, String operation, byte[] body) {
        return post(LedgerActors.accessKeyId(accountId), LedgerActors.secret(accountId), "us-east-1",
                headers(TARGET_PREFIX + operation, AWS_JSON), body,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private Response post(String accessKeyId, String secret, String region, Map<String, String> headers, byte[] body,
                          HttpRequest.BodyPublisher publisher) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint);
        headers.forEach(unsigned::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .POST(publisher);
        // HttpClient sets Host itself, to the same host:port the signer signed
        signed.request().headers().forEach((name, values) -> {
            if (!"host".equalsIgnoreCase(name)) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return send(request.build());
    }

    /** A request without any signature. */
    Response unsigned(String method, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + text, e);
        }
    }

    /** What came back, as sent. */
    record Response(int status, HttpHeaders headers, String body) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        JsonNode json() {
            return readJson(body);
        }

        String errorType() {
            return json().path("__type").asText(null);
        }
    }
}
