package org.handshakeledger.app.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

class SigV4VerifierTest {

    private static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final AccountDirectory DIRECTORY = AccountDirectory.demo();
    private static final String BOB_KEY = "AKIADEMO333333333333";
    private static final String BOB_SECRET = "demo-secret-333333333333";
    private static final String BOB = "333333333333";
    private static final String ALICE_SESSION_KEY = "ASIADEMO222222222222";
    private static final String ALICE_SESSION_SECRET = "demo-session-secret-222222222222";
    private static final String ALICE_SESSION_TOKEN = "demo-session-token-222222222222";
    private static final String ALICE = "222222222222";
    private static final String INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";
    private static final byte[] BODY = "{\"HandshakeId\":\"h-0123456789abcdef0123456789abcdef\"}".getBytes(UTF_8);

    private final SigV4Verifier verifier = new SigV4Verifier(DIRECTORY, CLOCK);

    @Nested
    class AcceptsJavaSdkSigner {

        @ParameterizedTest
        @ValueSource(strings = {"us-east-1", "eu-west-3", "aws-global"})
        void forAnyRegion(String region) {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, region, "organizations");

            // when
            AuthenticatedCaller caller = verify(verifier, request, BODY);

            // then
            assertThat(caller.account()).isEqualTo(DIRECTORY.account(BOB).orElseThrow());
            assertThat(caller.accessKeyId()).isEqualTo(BOB_KEY);
            assertThat(caller.region()).isEqualTo(region);
        }

        @Test
        void whoseSignerSkippedUserAgentExpectAndTraceId() {
            // given
            SdkHttpRequest request = signed(describeHandshake()
                    .putHeader("User-Agent", "aws-sdk-java/2.40.2")
                    .putHeader("Expect", "100-continue")
                    .putHeader("X-Amzn-Trace-Id", "Root=1-67d3f5d5-0123456789abcdef01234567")
                    .build(), BODY, BOB_KEY, BOB_SECRET, "us-east-1", "organizations");

            // when
            AuthenticatedCaller caller = verify(verifier, request, BODY);

            // then
            assertThat(request.firstMatchingHeader("Authorization").orElseThrow())
                    .contains("SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;"
                            + "x-amz-target,");
            assertThat(caller.accountId()).isEqualTo(BOB);
        }

        @Test
        void withHeadersAddedAfterSigning() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations").toBuilder()
                    .putHeader("Accept-Encoding", "gzip")
                    .putHeader("Connection", "keep-alive")
                    .putHeader("X-Forwarded-For", "10.0.0.1")
                    .build();

            // when
            AuthenticatedCaller caller = verify(verifier, request, BODY);

            // then
            assertThat(caller.accountId()).isEqualTo(BOB);
        }

        @Test
        void withRepeatedAndPaddedHeaderValues() {
            // given
            SdkHttpRequest request = signed(describeHandshake()
                    .putHeader("X-Multi", List.of("first", " second   value "))
                    .putHeader("X-Custom", "  padded \t   value  ")
                    .build(), BODY, BOB_KEY, BOB_SECRET, "us-east-1", "organizations");

            // when
            AuthenticatedCaller caller = verify(verifier, request, BODY);

            // then
            assertThat(request.firstMatchingHeader("Authorization").orElseThrow()).contains(";x-custom;x-multi,");
            assertThat(caller.accountId()).isEqualTo(BOB);
        }

        @Test
        void withARepeatedHeaderJoinedIntoOneLineOnTheWay() {
            // given: signed as two lines, which SigV4 joins with a comma; a proxy may send them as one
            SdkHttpRequest request = signed(describeHandshake().putHeader("X-Multi", List.of("first", "second"))
                    .build(), BODY, BOB_KEY, BOB_SECRET, "us-east-1", "organizations");

            // when
            AuthenticatedCaller caller = verify(verifier, request.toBuilder().putHeader("X-Multi", "first,second")
                    .build(), BODY);

            // then
            assertThat(caller.accountId()).isEqualTo(BOB);
        }

        @Test
        void butNotWithTheRepeatedValuesInAnotherOrder() {
            // given
            SdkHttpRequest request = signed(describeHandshake().putHeader("X-Multi", List.of("first", "second"))
                    .build(), BODY, BOB_KEY, BOB_SECRET, "us-east-1", "organizations");

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request.toBuilder()
                    .putHeader("X-Multi", List.of("second", "first")).build(), BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
        }

        @Test
        void withAFoldedHeaderAsTheServerUnfoldsIt() {
            // given: obs-fold ("first\r\n   second") reaches the verifier with its line break turned into blanks
            SdkHttpRequest request = signed(describeHandshake().putHeader("X-Note", "first second").build(), BODY,
                    BOB_KEY, BOB_SECRET, "us-east-1", "organizations");

            // when
            AuthenticatedCaller caller = verify(verifier, request.toBuilder().putHeader("X-Note", "first  \t  second")
                    .build(), BODY);

            // then
            assertThat(caller.accountId()).isEqualTo(BOB);
        }

        @Test
        void withQueryStringAndEncodedPath() {
            // given
            SdkHttpRequest request = signed(SdkHttpRequest.builder()
                    .method(SdkHttpMethod.GET)
                    .uri(URI.create("http://localhost:8080"))
                    .encodedPath("/ledger/handshakes/h-1%20x/history")
                    .putRawQueryParameter("to", "2025-03-14T00:00:00Z")
                    .putRawQueryParameter("tag", List.of("b c", "a", "ü*~"))
                    .putRawQueryParameter("empty", "")
                    .build(), new byte[0], BOB_KEY, BOB_SECRET, "us-east-1", "organizations");

            // when
            AuthenticatedCaller caller = verify(verifier, request, new byte[0]);

            // then
            assertThat(request.getUri().getRawQuery()).contains("tag=b%20c");
            assertThat(caller.accountId()).isEqualTo(BOB);
        }

        @Test
        void withTheContentSha256HeaderTheSignerAdds() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");

            // when
            AuthenticatedCaller caller = verify(verifier, request, BODY);

            // then
            assertThat(request.firstMatchingHeader("x-amz-content-sha256")).contains(sha256(BODY));
            assertThat(caller.accountId()).isEqualTo(BOB);
        }

        @Test
        void withHeaderNamesInAnyCase() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");
            Map<String, List<String>> upperCaseNames = new HashMap<>();
            request.forEachHeader((name, values) -> upperCaseNames.put(name.toUpperCase(Locale.ROOT), values));

            // when
            AuthenticatedCaller caller = verifier.verify("POST", "/", null, upperCaseNames, BODY);

            // then
            assertThat(caller.accountId()).isEqualTo(BOB);
        }

        @Test
        void whenTheClockIsExactlyFifteenMinutesOff() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");

            // when / then
            for (Duration skew : List.of(Duration.ofMinutes(15), Duration.ofMinutes(-15))) {
                SigV4Verifier skewed = new SigV4Verifier(DIRECTORY, Clock.offset(CLOCK, skew));
                assertThat(verify(skewed, request, BODY).accountId()).isEqualTo(BOB);
            }
        }

        @Test
        void forAnotherServiceWhenBuiltForIt() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1", "sts");

            // when
            AuthenticatedCaller caller = verify(new SigV4Verifier(DIRECTORY, CLOCK, "sts"), request, BODY);

            // then
            assertThat(caller.accountId()).isEqualTo(BOB);
        }
    }

    @Nested
    class AcceptsOrganizationsClient {

        @ParameterizedTest
        @ValueSource(strings = {"us-east-1", "eu-west-3", "aws-global"})
        void requestAsSentOnTheWire(String region) {
            // given
            CapturedRequest sent = captureDescribeHandshake(Region.of(region));
            Instant signedAt = LocalDateTime.parse(sent.request().firstMatchingHeader("X-Amz-Date").orElseThrow(),
                    DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(ZoneOffset.UTC);
            SigV4Verifier atSigningTime = new SigV4Verifier(DIRECTORY, Clock.fixed(signedAt, ZoneOffset.UTC));

            // when
            AuthenticatedCaller caller = verify(atSigningTime, sent.request(), sent.body());

            // then
            assertThat(sent.request().firstMatchingHeader("Authorization").orElseThrow())
                    .contains("/" + region + "/organizations/aws4_request", "amz-sdk-invocation-id;amz-sdk-request;");
            assertThat(caller.accountId()).isEqualTo(BOB);
            assertThat(caller.region()).isEqualTo(region);
        }

        @Test
        void requestWithSessionCredentialsAsSentOnTheWire() {
            // given
            CapturedRequest sent = captureDescribeHandshake(Region.US_EAST_1, AwsSessionCredentials.create(
                    ALICE_SESSION_KEY, ALICE_SESSION_SECRET, ALICE_SESSION_TOKEN));

            // when
            AuthenticatedCaller caller = verify(atSigningTimeOf(sent.request()), sent.request(), sent.body());

            // then
            assertThat(sent.request().firstMatchingHeader("X-Amz-Security-Token")).contains(ALICE_SESSION_TOKEN);
            assertThat(sent.request().firstMatchingHeader("Authorization").orElseThrow())
                    .contains(";x-amz-security-token;");
            assertThat(caller.accountId()).isEqualTo(ALICE);
            assertThat(caller.accessKeyId()).isEqualTo(ALICE_SESSION_KEY);
        }

        @Test
        void butNotWithAWrongSessionToken() {
            // given
            CapturedRequest sent = captureDescribeHandshake(Region.US_EAST_1, AwsSessionCredentials.create(
                    ALICE_SESSION_KEY, ALICE_SESSION_SECRET, "demo-session-token-expired"));

            // when
            AuthenticationFailedException failure = rejection(() -> verify(atSigningTimeOf(sent.request()),
                    sent.request(), sent.body()));

            // then
            assertThat(failure.errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(failure).hasMessage(INVALID_TOKEN_MESSAGE);
        }

        private static SigV4Verifier atSigningTimeOf(SdkHttpRequest request) {
            Instant signedAt = LocalDateTime.parse(request.firstMatchingHeader("X-Amz-Date").orElseThrow(),
                    DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(ZoneOffset.UTC);
            return new SigV4Verifier(DIRECTORY, Clock.fixed(signedAt, ZoneOffset.UTC));
        }

        private CapturedRequest captureDescribeHandshake(Region region) {
            return captureDescribeHandshake(region, AwsBasicCredentials.create(BOB_KEY, BOB_SECRET));
        }

        private CapturedRequest captureDescribeHandshake(Region region, AwsCredentials credentials) {
            AtomicReference<CapturedRequest> captured = new AtomicReference<>();
            ExecutionInterceptor capture = new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    byte[] body = context.requestBody()
                            .map(requestBody -> readAll(requestBody.contentStreamProvider()))
                            .orElse(new byte[0]);
                    captured.set(new CapturedRequest(context.httpRequest(), body));
                    throw new CapturedAndStopped();
                }
            };
            try (OrganizationsClient client = OrganizationsClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:8080"))
                    .region(region)
                    .credentialsProvider(StaticCredentialsProvider.create(credentials))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(capture)
                            .retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build()) {
                catchThrowableOfType(RuntimeException.class,
                        () -> client.describeHandshake(r -> r.handshakeId("h-0123456789abcdef0123456789abcdef")));
            }
            assertThat(captured.get()).isNotNull();
            return captured.get();
        }
    }

    @Nested
    class AcceptsBotocore {

        // Produced with botocore 1.43.11 by a real client, stopped in its 'before-send' event:
        //   session.create_client('organizations', region_name='eu-west-3', endpoint_url='http://127.0.0.1:8080',
        //       aws_access_key_id='AKIADEMO222222222222', aws_secret_access_key='demo-secret-222222222222')
        //   .describe_handshake(HandshakeId='h-0123456789abcdef0123456789abcdef')
        // with botocore.auth.get_current_datetime patched to return 2025-03-14T09:26:53. The Host header is the one
        // the HTTP client adds (and botocore signs) for that endpoint.
        private static final String BOTOCORE_BODY = "{\"HandshakeId\": \"h-0123456789abcdef0123456789abcdef\"}";
        private static final Map<String, List<String>> BOTOCORE_HEADERS = headers(
                "X-Amz-Target", "AWSOrganizationsV20161128.DescribeHandshake",
                "Content-Type", "application/x-amz-json-1.1",
                "User-Agent", "Botocore/1.43.11 ua/2.1 os/linux#6.18.44-fc-v657 md/arch#x86_64 lang/python#3.11.7"
                        + " md/pyimpl#CPython m/Z,D,N,b,e cfg/retry-mode#legacy",
                "X-Amz-Date", "20250314T092653Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIADEMO222222222222/20250314/eu-west-3/organizations"
                        + "/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target,"
                        + " Signature=8d3f8a95d25120aa3e1f49720a11d159630dbc58587fd7316d6788d74b7d5d0b",
                "amz-sdk-invocation-id", "678d4e6e-a7ab-43f7-bcd1-467102e0126a",
                "amz-sdk-request", "attempt=1",
                "Content-Length", "53",
                "Host", "127.0.0.1:8080");

        // Produced with botocore 1.43.11: botocore.auth.SigV4Auth(Credentials('AKIADEMO333333333333',
        // 'demo-secret-333333333333'), 'organizations', 'us-west-2').add_auth(AWSRequest(method='GET', url=...,
        // headers={'User-Agent': ..., 'X-Custom': '  padded    value  '})) after adding X-Multi twice, with
        // get_current_datetime patched to 2025-03-14T09:26:53 and SIGNED_HEADERS_BLACKLIST patched to [] so that
        // user-agent is signed, as a client other than the AWS SDKs may do.
        private static final String SIGNED_USER_AGENT_PATH =
                "/ledger/handshakes/h-0123456789abcdef0123456789abcdef/history";
        private static final String SIGNED_USER_AGENT_QUERY = "to=2025-03-14T00%3A00%3A00Z&from=2025-01-01"
                + "&tag=b%20c&tag=a";
        private static final Map<String, List<String>> SIGNED_USER_AGENT_HEADERS = headers(
                "User-Agent", "aws-cli/2.27.0 md/command#organizations",
                "X-Custom", "  padded    value  ",
                "X-Multi", "first",
                "X-Multi", " second  value ",
                "X-Amz-Date", "20250314T092653Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIADEMO333333333333/20250314/us-west-2/organizations"
                        + "/aws4_request, SignedHeaders=host;user-agent;x-amz-date;x-custom;x-multi,"
                        + " Signature=13ba702b2f0eae01d1461858b190bdb5f2803b249fccc0df67fb402d2e483759",
                "Host", "localhost:8080");

        // Produced like BOTOCORE_HEADERS, with the temporary credentials of the demo directory:
        //   aws_access_key_id='ASIADEMO222222222222', aws_secret_access_key='demo-session-secret-222222222222',
        //   aws_session_token='demo-session-token-222222222222'
        // botocore puts X-Amz-Security-Token on the request before signing, so it signs the token.
        private static final Map<String, List<String>> BOTOCORE_SESSION_HEADERS = headers(
                "X-Amz-Target", "AWSOrganizationsV20161128.DescribeHandshake",
                "Content-Type", "application/x-amz-json-1.1",
                "User-Agent", "Botocore/1.43.11 ua/2.1 os/linux#6.18.44-fc-v1272 md/arch#x86_64"
                        + " lang/python#3.11.7 md/pyimpl#CPython m/b,e,D,Z,N cfg/retry-mode#legacy",
                "X-Amz-Date", "20250314T092653Z",
                "X-Amz-Security-Token", "demo-session-token-222222222222",
                "Authorization", "AWS4-HMAC-SHA256 Credential=ASIADEMO222222222222/20250314/eu-west-3/organizations"
                        + "/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;"
                        + "x-amz-target, Signature=4b53d6006ac932c537718068ee82de3b3126a0a3c8cf5635c5f640d4edfa3c0d",
                "amz-sdk-invocation-id", "18c83cf1-135c-4112-9117-440e0b5b7d18",
                "amz-sdk-request", "attempt=1",
                "Content-Length", "53",
                "Host", "127.0.0.1:8080");

        @Test
        void describeHandshakeWithASessionTokenAsTheClientSendsIt() {
            // when
            AuthenticatedCaller caller = verifier.verify("POST", "/", null, BOTOCORE_SESSION_HEADERS,
                    BOTOCORE_BODY.getBytes(UTF_8));

            // then
            assertThat(caller.accountId()).isEqualTo(ALICE);
            assertThat(caller.accessKeyId()).isEqualTo(ALICE_SESSION_KEY);
        }

        @Test
        void describeHandshakeAsTheClientSendsIt() {
            // when
            AuthenticatedCaller caller = verifier.verify("POST", "/", null, BOTOCORE_HEADERS,
                    BOTOCORE_BODY.getBytes(UTF_8));

            // then
            assertThat(caller.accountId()).isEqualTo("222222222222");
            assertThat(caller.accessKeyId()).isEqualTo("AKIADEMO222222222222");
            assertThat(caller.region()).isEqualTo("eu-west-3");
        }

        @Test
        void signatureOverUserAgentRepeatedHeadersAndQueryString() {
            // when
            AuthenticatedCaller caller = verifier.verify("GET", SIGNED_USER_AGENT_PATH, SIGNED_USER_AGENT_QUERY,
                    SIGNED_USER_AGENT_HEADERS, new byte[0]);

            // then
            assertThat(caller.accountId()).isEqualTo(BOB);
            assertThat(caller.region()).isEqualTo("us-west-2");
        }

        @Test
        void butNotWhenASignedUserAgentWasChanged() {
            // given
            Map<String, List<String>> headers = new HashMap<>(SIGNED_USER_AGENT_HEADERS);
            headers.put("User-Agent", List.of("aws-cli/2.27.1 md/command#organizations"));

            // when
            AuthenticationFailedException failure = rejection(() -> verifier.verify("GET", SIGNED_USER_AGENT_PATH,
                    SIGNED_USER_AGENT_QUERY, headers, new byte[0]));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
        }

        @Test
        void butNotWhenTheBodyWasChanged() {
            // when
            AuthenticationFailedException failure = rejection(() -> verifier.verify("POST", "/", null,
                    BOTOCORE_HEADERS, BOTOCORE_BODY.replace("0123", "3210").getBytes(UTF_8)));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
        }
    }

    @Nested
    class AcceptsCurl {

        // Produced with curl 7.88.1 (Debian 12) against a capturing server:
        //   curl --aws-sigv4 "aws:amz:us-east-1:organizations" --user AKIADEMO333333333333:demo-secret-333333333333
        //       -H "X-Amz-Date: 20250314T092653Z" 'http://localhost:8080/ledger/audit?<CURL_QUERY>'
        // curl before 8.x signs the query string as sent: neither sorted nor percent-encoded as SigV4 says.
        private static final String CURL_QUERY = "to=2026-01-01T00:00:00Z&from=2025-01-01T00:00:00Z&format=cloudtrail";
        private static final Map<String, List<String>> CURL_HEADERS = headers(
                "Host", "localhost:8080",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIADEMO333333333333/20250314/us-east-1/organizations"
                        + "/aws4_request, SignedHeaders=host;x-amz-date,"
                        + " Signature=9f5a807e695d43abe599e08f6c0c0fc3d48e31a301a338fce66a319465952db2",
                "X-Amz-Date", "20250314T092653Z",
                "User-Agent", "curl/7.88.1",
                "Accept", "*/*");

        @Test
        void queryStringSignedAsSent() {
            // when
            AuthenticatedCaller caller = verifier.verify("GET", "/ledger/audit", CURL_QUERY, CURL_HEADERS,
                    new byte[0]);

            // then
            assertThat(caller.accountId()).isEqualTo(BOB);
        }

        @Test
        void butNotTheSameParametersInAnotherOrder() {
            // when
            AuthenticationFailedException failure = rejection(() -> verifier.verify("GET", "/ledger/audit",
                    "from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&format=cloudtrail", CURL_HEADERS,
                    new byte[0]));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
        }

        @Test
        void butNotAnotherValue() {
            // when
            AuthenticationFailedException failure = rejection(() -> verifier.verify("GET", "/ledger/audit",
                    CURL_QUERY.replace("2025", "2024"), CURL_HEADERS, new byte[0]));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
        }
    }

    @Nested
    class SessionTokens {

        @Test
        void acceptsTheTokenOfAKeyThatHasOne() {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY, Credentials.TEMPORARY, "us-east-1",
                    "organizations");

            // when
            AuthenticatedCaller caller = verify(verifier, request, BODY);

            // then
            assertThat(request.firstMatchingHeader("X-Amz-Security-Token")).contains(ALICE_SESSION_TOKEN);
            assertThat(request.firstMatchingHeader("Authorization").orElseThrow())
                    .contains(";x-amz-security-token;");
            assertThat(caller.accountId()).isEqualTo(ALICE);
            assertThat(caller.accessKeyId()).isEqualTo(ALICE_SESSION_KEY);
        }

        @Test
        void acceptsATokenTheClientAddedAfterSigning() {
            // given: the way SigV4 lets some services take the token, outside the signature
            SdkHttpRequest request = signed(describeHandshake(), BODY, ALICE_SESSION_KEY, ALICE_SESSION_SECRET,
                    "us-east-1", "organizations").toBuilder()
                    .putHeader("X-Amz-Security-Token", ALICE_SESSION_TOKEN)
                    .build();

            // when
            AuthenticatedCaller caller = verify(verifier, request, BODY);

            // then
            assertThat(request.firstMatchingHeader("Authorization").orElseThrow())
                    .doesNotContain("x-amz-security-token");
            assertThat(caller.accountId()).isEqualTo(ALICE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"demo-session-token-22222222222", "demo-session-token-2222222222222",
            "DEMO-SESSION-TOKEN-222222222222", "demo-session-token-222222222223", "x"})
        void rejectsAnyOtherToken(String token) {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY,
                    AwsSessionCredentialsIdentity.create(ALICE_SESSION_KEY, ALICE_SESSION_SECRET, token),
                    "us-east-1", "organizations");

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(failure).hasMessage(INVALID_TOKEN_MESSAGE);
        }

        @Test
        void rejectsAMissingTokenOnAKeyThatHasOne() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, ALICE_SESSION_KEY, ALICE_SESSION_SECRET,
                    "us-east-1", "organizations");

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(failure).hasMessage(INVALID_TOKEN_MESSAGE);
        }

        @Test
        void rejectsATokenOnAKeyWithoutOne() {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY,
                    AwsSessionCredentialsIdentity.create(BOB_KEY, BOB_SECRET, ALICE_SESSION_TOKEN),
                    "us-east-1", "organizations");

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(failure).hasMessage(INVALID_TOKEN_MESSAGE);
        }

        @Test
        void rejectsAnEmptyTokenOnAKeyWithoutOne() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations").toBuilder().putHeader("X-Amz-Security-Token", "").build();

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("UnrecognizedClientException");
        }

        @Test
        void rejectsTheRightTokenSentTwice() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, ALICE_SESSION_KEY, ALICE_SESSION_SECRET,
                    "us-east-1", "organizations").toBuilder()
                    .putHeader("X-Amz-Security-Token", List.of(ALICE_SESSION_TOKEN, ALICE_SESSION_TOKEN))
                    .build();

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("UnrecognizedClientException");
        }

        @Test
        void rejectsASignedTokenReplacedOnTheWayAsABadSignature() {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY,
                    AwsSessionCredentialsIdentity.create(ALICE_SESSION_KEY, ALICE_SESSION_SECRET, "stolen-token"),
                    "us-east-1", "organizations").toBuilder()
                    .putHeader("X-Amz-Security-Token", ALICE_SESSION_TOKEN)
                    .build();

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
        }

        @Test
        void tellsNothingAboutTheTokenToAClientWithoutTheSecret() {
            // given: the right token, the wrong secret
            SdkHttpRequest request = signed(describeHandshake().build(), BODY,
                    AwsSessionCredentialsIdentity.create(ALICE_SESSION_KEY, "guessed-secret", ALICE_SESSION_TOKEN),
                    "us-east-1", "organizations");
            SdkHttpRequest guessedToken = signed(describeHandshake().build(), BODY,
                    AwsSessionCredentialsIdentity.create(ALICE_SESSION_KEY, "guessed-secret", "guessed-token"),
                    "us-east-1", "organizations");

            // when
            AuthenticationFailedException right = rejection(() -> verify(verifier, request, BODY));
            AuthenticationFailedException wrong = rejection(() -> verify(verifier, guessedToken, BODY));

            // then
            assertThat(right.errorCode()).isEqualTo(wrong.errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(right).hasMessage(wrong.getMessage());
        }
    }

    /** Tampering is refused whether the client signs with a long-term key or with temporary credentials. */
    @Nested
    class RejectsTamperingWithEitherKindOfCredentials {

        @ParameterizedTest
        @EnumSource(Credentials.class)
        void acceptsTheUntamperedRequest(Credentials credentials) {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY, credentials, "eu-west-3",
                    "organizations");

            // when
            AuthenticatedCaller caller = verify(verifier, request, BODY);

            // then
            assertThat(caller.accountId()).isEqualTo(credentials.accountId);
            assertThat(caller.region()).isEqualTo("eu-west-3");
        }

        @ParameterizedTest
        @EnumSource(Credentials.class)
        void tamperedBody(Credentials credentials) {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY, credentials, "us-east-1",
                    "organizations");
            byte[] tampered = "{\"HandshakeId\":\"h-ffffffffffffffffffffffffffffffff\"}".getBytes(UTF_8);

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, tampered));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
        }

        @ParameterizedTest
        @EnumSource(Credentials.class)
        void tamperedSignedHeader(Credentials credentials) {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY, credentials, "us-east-1",
                    "organizations").toBuilder()
                    .putHeader("X-Amz-Target", "AWSOrganizationsV20161128.AcceptHandshake")
                    .build();

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(failure).hasMessage(AuthenticationFailedException.SIGNATURE_MISMATCH_MESSAGE);
        }

        @ParameterizedTest
        @EnumSource(Credentials.class)
        void signedMoreThanFifteenMinutesAgo(Credentials credentials) {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY, credentials, "us-east-1",
                    "organizations");
            SigV4Verifier later = new SigV4Verifier(DIRECTORY, Clock.offset(CLOCK, Duration.ofMinutes(16)));

            // when
            AuthenticationFailedException failure = rejection(() -> verify(later, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("RequestExpired");
            assertThat(failure).hasMessageStartingWith("Signature expired: 20250314T092653Z");
        }

        @ParameterizedTest
        @EnumSource(Credentials.class)
        void signedMoreThanFifteenMinutesAhead(Credentials credentials) {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY, credentials, "us-east-1",
                    "organizations");
            SigV4Verifier earlier = new SigV4Verifier(DIRECTORY, Clock.offset(CLOCK, Duration.ofMinutes(-16)));

            // when
            AuthenticationFailedException failure = rejection(() -> verify(earlier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("RequestExpired");
            assertThat(failure).hasMessageStartingWith("Signature not yet current: 20250314T092653Z");
        }

        @ParameterizedTest
        @EnumSource(Credentials.class)
        void signedForAnotherRegionThanTheScopeClaims(Credentials credentials) {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY, credentials, "eu-west-3",
                    "organizations");
            SdkHttpRequest rescoped = request.toBuilder().putHeader("Authorization", request
                    .firstMatchingHeader("Authorization").orElseThrow().replace("/eu-west-3/", "/us-east-1/")).build();

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, rescoped, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(failure).hasMessage(AuthenticationFailedException.SIGNATURE_MISMATCH_MESSAGE);
        }

        @ParameterizedTest
        @EnumSource(Credentials.class)
        void signedForAnotherServiceThanTheScopeClaims(Credentials credentials) {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY, credentials, "us-east-1", "sts");
            SdkHttpRequest rescoped = request.toBuilder().putHeader("Authorization", request
                    .firstMatchingHeader("Authorization").orElseThrow().replace("/sts/", "/organizations/")).build();

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, rescoped, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(failure).hasMessage(AuthenticationFailedException.SIGNATURE_MISMATCH_MESSAGE);
        }

        @ParameterizedTest
        @EnumSource(Credentials.class)
        void scopedToAnotherService(Credentials credentials) {
            // given
            SdkHttpRequest request = signed(describeHandshake().build(), BODY, credentials, "us-east-1", "sts");

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(failure).hasMessage("Credential should be scoped to correct service: 'organizations'.");
        }
    }

    @Nested
    class Rejects {

        @Test
        void requestWithoutAuthorizationHeader() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations").toBuilder().removeHeader("Authorization").build();

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("MissingAuthenticationTokenException");
            assertThat(failure).hasMessage("Missing Authentication Token");
        }

        @Test
        void requestWithBlankAuthorizationHeader() {
            // when
            AuthenticationFailedException failure = rejection(() -> verifier.verify("POST", "/", null,
                    headers("Authorization", " ", "Host", "localhost"), BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("MissingAuthenticationTokenException");
        }

        @Test
        void requestWithoutHeaders() {
            // when
            AuthenticationFailedException failure = rejection(() -> verifier.verify("POST", "/", null, null, null));

            // then
            assertThat(failure.errorCode()).isEqualTo("MissingAuthenticationTokenException");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "Bearer abc",
            "AWS4-ECDSA-P256-SHA256 Credential=AKIADEMO333333333333/20250314/organizations/aws4_request,"
                    + " SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256",
            "AWS4-HMAC-SHA256 Credential=AKIADEMO333333333333/20250314/us-east-1/organizations/aws4_request,"
                    + " SignedHeaders=host;x-amz-date",
            "AWS4-HMAC-SHA256 Credential=AKIADEMO333333333333/20250314/us-east-1/organizations/aws4_request,"
                    + " Signature=abc",
            "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=AKIADEMO333333333333/20250314/us-east-1/organizations,"
                    + " SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=AKIADEMO333333333333/20250314/us-east-1/organizations/aws4_requests,"
                    + " SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=AKIADEMO333333333333/2025-03-14/us-east-1/organizations/aws4_request,"
                    + " SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=AKIADEMO333333333333/20250314//organizations/aws4_request,"
                    + " SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=/20250314/us-east-1/organizations/aws4_request,"
                    + " SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=AKIADEMO333333333333/20250314/us-east-1/organizations/aws4_request,"
                    + " SignedHeaders=host;;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=AKIADEMO333333333333/20250314/us-east-1/organizations/aws4_request,"
                    + " Credential=AKIADEMO333333333333/20250314/us-east-1/organizations/aws4_request,"
                    + " SignedHeaders=host;x-amz-date, Signature=abc",
        })
        void malformedAuthorizationHeader(String authorization) {
            // when
            AuthenticationFailedException failure = rejection(() -> verifier.verify("POST", "/", null,
                    headers("Authorization", authorization, "Host", "localhost", "X-Amz-Date", "20250314T092653Z"),
                    BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("IncompleteSignatureException");
        }

        @Test
        void authorizationHeaderNamingEveryMissingParameter() {
            // when
            AuthenticationFailedException failure = rejection(() -> verifier.verify("POST", "/", null,
                    headers("Authorization", "AWS4-HMAC-SHA256 SignedHeaders=host"), BODY));

            // then
            assertThat(failure).hasMessage("Authorization header requires 'Credential' parameter."
                    + " Authorization header requires 'Signature' parameter.");
        }

        @Test
        void signatureThatDoesNotCoverTheHost() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");
            String withoutHost = request.firstMatchingHeader("Authorization").orElseThrow().replace(";host;", ";");

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier,
                    request.toBuilder().putHeader("Authorization", withoutHost).build(), BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("IncompleteSignatureException");
            assertThat(failure).hasMessage("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        @Test
        void unknownAccessKey() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, "AKIAUNKNOWN000000000", BOB_SECRET,
                    "us-east-1", "organizations");

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(failure).hasMessage("The security token included in the request is invalid.");
        }

        @Test
        void wrongSecret() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, "demo-secret-222222222222",
                    "us-east-1", "organizations");

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(failure).hasMessage("The request signature we calculated does not match the signature you"
                    + " provided. Check your AWS Secret Access Key and signing method.");
        }

        @Test
        void tamperedBody() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");
            byte[] tampered = "{\"HandshakeId\":\"h-ffffffffffffffffffffffffffffffff\"}".getBytes(UTF_8);

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, tampered));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
        }

        @Test
        void tamperedSignedHeader() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations").toBuilder()
                    .putHeader("X-Amz-Target", "AWSOrganizationsV20161128.AcceptHandshake")
                    .build();

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
        }

        @Test
        void tamperedPathOrQuery() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");
            Map<String, List<String>> headers = request.headers();

            // when / then
            assertThat(rejection(() -> verifier.verify("POST", "/ledger", null, headers, BODY)).errorCode())
                    .isEqualTo("InvalidSignatureException");
            assertThat(rejection(() -> verifier.verify("POST", "/", "a=b", headers, BODY)).errorCode())
                    .isEqualTo("InvalidSignatureException");
            assertThat(rejection(() -> verifier.verify("PUT", "/", null, headers, BODY)).errorCode())
                    .isEqualTo("InvalidSignatureException");
        }

        @Test
        void signatureForAnotherService() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1", "sts");

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(failure).hasMessage("Credential should be scoped to correct service: 'organizations'.");
        }

        @Test
        void signatureOlderThanFifteenMinutes() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");
            SigV4Verifier later = new SigV4Verifier(DIRECTORY, Clock.offset(CLOCK, Duration.ofSeconds(15 * 60 + 1)));

            // when
            AuthenticationFailedException failure = rejection(() -> verify(later, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("RequestExpired");
            assertThat(failure).hasMessage("Signature expired: 20250314T092653Z is now earlier than 20250314T092654Z"
                    + " (20250314T094154Z - 15 min.)");
        }

        @Test
        void signatureMoreThanFifteenMinutesAhead() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");
            SigV4Verifier earlier = new SigV4Verifier(DIRECTORY,
                    Clock.offset(CLOCK, Duration.ofSeconds(-15 * 60 - 1)));

            // when
            AuthenticationFailedException failure = rejection(() -> verify(earlier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("RequestExpired");
            assertThat(failure).hasMessage("Signature not yet current: 20250314T092653Z is still later than"
                    + " 20250314T092652Z (20250314T091152Z + 15 min.)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "2025-03-14T09:26:53Z", "20250314T092653", "20250230T092653Z"})
        void missingOrUnreadableDate(String amzDate) {
            // given
            SdkHttpRequest signed = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");
            SdkHttpRequest request = amzDate.isEmpty()
                    ? signed.toBuilder().removeHeader("X-Amz-Date").build()
                    : signed.toBuilder().putHeader("X-Amz-Date", amzDate).build();

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("RequestExpired");
        }

        @Test
        void credentialScopeOfAnotherDay() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");
            String otherDay = request.firstMatchingHeader("Authorization").orElseThrow()
                    .replace("/20250314/", "/20250313/");

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier,
                    request.toBuilder().putHeader("Authorization", otherDay).build(), BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(failure).hasMessageStartingWith("Date in Credential scope does not match");
        }

        @ParameterizedTest
        @ValueSource(strings = {"UNSIGNED-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"})
        void contentSha256HeaderThatIsNotTheBodyHash(String declared) {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations").toBuilder().putHeader("x-amz-content-sha256", declared).build();

            // when
            AuthenticationFailedException failure = rejection(() -> verify(verifier, request, BODY));

            // then
            assertThat(failure.errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(failure).hasMessage("The provided 'x-amz-content-sha256' header does not match what was"
                    + " computed.");
        }

        @Test
        void signatureInAnotherCaseOrLength() {
            // given
            SdkHttpRequest request = signed(describeHandshake(), BODY, BOB_KEY, BOB_SECRET, "us-east-1",
                    "organizations");
            String authorization = request.firstMatchingHeader("Authorization").orElseThrow();
            String signature = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());

            // when / then
            for (String forged : List.of(signature.toUpperCase(Locale.ROOT), signature.substring(1), signature + "0")) {
                SdkHttpRequest forgedRequest = request.toBuilder()
                        .putHeader("Authorization", authorization.replace(signature, forged)).build();
                assertThat(rejection(() -> verify(verifier, forgedRequest, BODY)).errorCode())
                        .isEqualTo("InvalidSignatureException");
            }
        }
    }

    private static SdkHttpRequest.Builder describeHandshake() {
        return SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:8080/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSOrganizationsV20161128.DescribeHandshake")
                .putHeader("Content-Length", String.valueOf(BODY.length));
    }

    private static SdkHttpRequest signed(SdkHttpRequest.Builder request, byte[] body, String keyId, String secret,
                                         String region, String service) {
        return signed(request.build(), body, keyId, secret, region, service);
    }

    private static SdkHttpRequest signed(SdkHttpRequest request, byte[] body, String keyId, String secret,
                                         String region, String service) {
        return signed(request, body, AwsCredentialsIdentity.create(keyId, secret), region, service);
    }

    private static SdkHttpRequest signed(SdkHttpRequest request, byte[] body, Credentials credentials, String region,
                                         String service) {
        return signed(request, body, credentials.identity, region, service);
    }

    private static SdkHttpRequest signed(SdkHttpRequest request, byte[] body, AwsCredentialsIdentity identity,
                                         String region, String service) {
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK))
                .request();
    }

    private static AuthenticatedCaller verify(SigV4Verifier verifier, SdkHttpRequest request, byte[] body) {
        return verifier.verify(request.method().name(), request.encodedPath(), request.getUri().getRawQuery(),
                request.headers(), body);
    }

    private static AuthenticationFailedException rejection(ThrowingCallable call) {
        AuthenticationFailedException failure = catchThrowableOfType(AuthenticationFailedException.class, call);
        assertThat(failure).as("expected an AuthenticationFailedException").isNotNull();
        return failure;
    }

    /** Builds a header map from name/value pairs; a name given twice gets two values, as on the wire. */
    private static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.merge(namesAndValues[i], List.of(namesAndValues[i + 1]),
                    (first, more) -> Stream.concat(first.stream(), more.stream()).toList());
        }
        return headers;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record CapturedRequest(SdkHttpRequest request, byte[] body) {
    }

    /** What a client signs with: a long-term key of the demo directory, or its temporary credentials. */
    enum Credentials {
        LONG_TERM(AwsCredentialsIdentity.create(BOB_KEY, BOB_SECRET), BOB),
        TEMPORARY(AwsSessionCredentialsIdentity.create(ALICE_SESSION_KEY, ALICE_SESSION_SECRET, ALICE_SESSION_TOKEN),
                ALICE);

        private final AwsCredentialsIdentity identity;
        private final String accountId;

        Credentials(AwsCredentialsIdentity identity, String accountId) {
            this.identity = identity;
            this.accountId = accountId;
        }
    }

    private static final class CapturedAndStopped extends RuntimeException {
        CapturedAndStopped() {
            super("request captured; not sent", null, false, false);
        }
    }
}
