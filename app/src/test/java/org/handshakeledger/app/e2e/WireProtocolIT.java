package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.handshakeledger.app.awsjson.RequestBodies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.HandshakeConstraintViolationExceptionReason;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.Tag;

/** The AWS JSON 1.1 wire protocol (spec §1, §9 cases 1–8), seen by the Java SDK and by signed raw requests. */
class WireProtocolIT extends AbstractLedgerIT {
    private static final String REQUEST_ID = "^[0-9a-fA-F-]{16,}$";
    private static final Set<String> ERRORS_WITH_REASON = Set.of("HandshakeConstraintViolationException",
            "InvalidInputException", "ConstraintViolationException", "AccessDeniedForDependencyException");

    private RawSignedRequests raw;

    @BeforeEach
    void rawClient() {
        raw = new RawSignedRequests(port);
    }

    @Test
    void sdkPostsToRootWithTargetAndContentTypeAndGetsTheSameContentTypeAndARequestIdBack() {
        // given
        String m = LedgerActors.next();
        String organization = createOrganization(m, OrganizationFeatureSet.ALL);
        List<SdkHttpRequest> sent = new ArrayList<>();

        // when
        DescribeOrganizationResponse response;
        try (OrganizationsClient recording = recordingClient(credentialsOf(m), Region.US_EAST_1, sent)) {
            response = recording.describeOrganization();
        }

        // then
        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.method().name()).isEqualTo("POST");
            assertThat(request.encodedPath()).isEqualTo("/");
            assertThat(request.rawQueryParameters()).isEmpty();
            assertThat(request.firstMatchingHeader("X-Amz-Target"))
                    .hasValue("AWSOrganizationsV20161128.DescribeOrganization");
            assertThat(request.firstMatchingHeader("Content-Type")).hasValue("application/x-amz-json-1.1");
        });
        assertThat(response.organization().id()).isEqualTo(organization);
        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(response.sdkHttpResponse().firstMatchingHeader("Content-Type"))
                .hasValue("application/x-amz-json-1.1");
        assertThat(response.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId")).get().asString()
                .matches(REQUEST_ID)
                .isEqualTo(response.responseMetadata().requestId());
    }

    @Test
    void errorResponsesCarryTheContentTypeAndTheirOwnRequestId() {
        // given
        String a = LedgerActors.next();

        // when
        AwsServiceException first = catchThrowableOfType(
                () -> client(a).describeOrganization(), AwsServiceException.class);
        AwsServiceException second = catchThrowableOfType(
                () -> client(a).describeOrganization(), AwsServiceException.class);

        // then
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(first.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Content-Type"))
                .hasValue("application/x-amz-json-1.1");
        assertThat(first.requestId()).matches(REQUEST_ID)
                .isEqualTo(first.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId").get());
        assertThat(second.requestId()).matches(REQUEST_ID).isNotEqualTo(first.requestId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-west-3", "aws-global"})
    void anyRegionInTheCredentialScopeIsAccepted(String region) {
        // given
        String m = LedgerActors.next();
        String organization = createOrganization(m, OrganizationFeatureSet.ALL);
        List<SdkHttpRequest> sent = new ArrayList<>();

        // when
        DescribeOrganizationResponse response;
        try (OrganizationsClient recording = recordingClient(credentialsOf(m), Region.of(region), sent)) {
            response = recording.describeOrganization();
        }

        // then
        assertThat(sent).singleElement().satisfies(request -> assertThat(request.firstMatchingHeader("Authorization"))
                .get().asString().contains("/" + region + "/organizations/aws4_request"));
        assertThat(response.organization().id()).isEqualTo(organization);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWSOrganizationsV20161128.NoSuchOp", "AWSOrganizationsV20161127.DescribeOrganization",
            "DynamoDB_20120810.ListTables", "DescribeOrganization", ""})
    void unknownTargetIsUnknownOperationException(String target) {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);

        // when
        RawSignedRequests.Response response = raw.post(m, "us-east-1",
                RawSignedRequests.headers(target, RawSignedRequests.AWS_JSON), bytes("{}"));

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorType()).isEqualTo("UnknownOperationException");
        assertThat(response.header("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.header("x-amzn-RequestId")).get().asString().matches(REQUEST_ID);
    }

    @Test
    void missingTargetIsUnknownOperationException() {
        // given
        String m = LedgerActors.next();

        // when
        RawSignedRequests.Response response = raw.post(m, "us-east-1",
                RawSignedRequests.headers(null, RawSignedRequests.AWS_JSON), bytes("{}"));

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorType()).isEqualTo("UnknownOperationException");
    }

    @Test
    void otherMethodThanPostIsNotAnOperation() {
        // when
        RawSignedRequests.Response response = raw.unsigned("GET",
                RawSignedRequests.headers(RawSignedRequests.TARGET_PREFIX + "DescribeOrganization", null), new byte[0]);

        // then
        assertThat(response.status()).isIn(400, 404);
        assertThat(response.errorType()).isEqualTo("UnknownOperationException");
    }

    @Test
    void bodyThatIsNotJsonIsSerializationException() {
        // given
        String a = LedgerActors.next();

        // when
        RawSignedRequests.Response response = raw.call(a, "AcceptHandshake", "{not json");

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorType()).isEqualTo("SerializationException");
        assertThat(response.json().path("Message").asText()).isNotBlank();
        assertThat(response.header("x-amzn-RequestId")).get().asString().matches(REQUEST_ID);
    }

    @Test
    void stringWhereMaxResultsExpectsANumberIsSerializationException() {
        // given
        String a = LedgerActors.next();

        // when
        RawSignedRequests.Response response = raw.call(a, "ListHandshakesForAccount", "{\"MaxResults\": \"5\"}");

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorType()).isEqualTo("SerializationException");
    }

    @Test
    void timestampsAreEpochSecondNumbersThatTheSdkDecodesToTheMillisecond() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Handshake invitation = invite(m, LedgerActors.next());
        Instant after = Instant.now();

        // when
        RawSignedRequests.Response response = raw.call(m, "DescribeHandshake",
                "{\"HandshakeId\":\"" + invitation.id() + "\"}");
        Handshake described = client(m).describeHandshake(r -> r.handshakeId(invitation.id())).handshake();

        // then
        JsonNode handshake = response.json().path("Handshake");
        assertThat(handshake.path("RequestedTimestamp").isNumber()).isTrue();
        assertThat(handshake.path("ExpirationTimestamp").isNumber()).isTrue();
        BigDecimal requested = numberText(response.body(), "RequestedTimestamp");
        BigDecimal expires = numberText(response.body(), "ExpirationTimestamp");
        assertThat(requested.stripTrailingZeros().scale()).isLessThanOrEqualTo(3);
        assertThat(expires.stripTrailingZeros().scale()).isLessThanOrEqualTo(3);
        assertThat(described.requestedTimestamp()).isEqualTo(instantOf(requested))
                .isEqualTo(invitation.requestedTimestamp())
                .isBetween(before, after);
        assertThat(described.expirationTimestamp()).isEqualTo(instantOf(expires));
        assertThat(described.requestedTimestamp().getNano() % 1_000_000).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modeledErrors")
    void everyModeledErrorIsHttp400WithTypeAndMessageThatTheSdkReads(String type, ErrorScenario scenario) {
        // when
        AwsServiceException error = catchThrowableOfType(() -> scenario.provoke(this), AwsServiceException.class);

        // then
        assertThat(error).as("the SDK raised a service error").isNotNull();
        assertThat(error.statusCode()).isEqualTo(400);
        JsonNode body = json(error.awsErrorDetails().rawResponse().asUtf8String());
        assertThat(body.path("__type").asText()).isEqualTo(type);
        assertThat(body.path("Message").asText()).isNotBlank();
        assertThat(body.has("message")).isFalse();
        assertThat(body.has("Reason")).isEqualTo(ERRORS_WITH_REASON.contains(type));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(type);
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(body.path("Message").asText());
        assertThat(error.getClass().getSimpleName()).isEqualToIgnoringCase(type);
        assertThat(error.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-ErrorType"))
                .satisfiesAnyOf(header -> assertThat(header).isEmpty(),
                        header -> assertThat(header).hasValue(type));
        assertThat(error.requestId()).matches(REQUEST_ID);
    }

    static Stream<Arguments> modeledErrors() {
        return Stream.of(
                error("HandshakeNotFoundException", it -> it.client(LedgerActors.next())
                        .describeHandshake(r -> r.handshakeId("h-0000000000000000"))),
                error("InvalidInputException", it -> it.client(LedgerActors.next())
                        .describeHandshake(r -> r.handshakeId("bad"))),
                error("AccessDeniedException", it -> {
                    String m = LedgerActors.next();
                    String c = LedgerActors.next();
                    it.organizationWithMember(m, c, OrganizationFeatureSet.ALL);
                    it.invite(c, LedgerActors.next());
                }),
                error("AWSOrganizationsNotInUseException", it -> it.client(LedgerActors.next()).describeOrganization()),
                error("DuplicateHandshakeException", it -> {
                    String m = LedgerActors.next();
                    String a = LedgerActors.next();
                    it.createOrganization(m, OrganizationFeatureSet.ALL);
                    it.invite(m, a);
                    it.invite(m, a);
                }),
                error("HandshakeConstraintViolationException", it -> {
                    String m = LedgerActors.next();
                    String c = LedgerActors.next();
                    it.organizationWithMember(m, c, OrganizationFeatureSet.ALL);
                    it.invite(m, c);
                }),
                error("HandshakeAlreadyInStateException", it -> {
                    String m = LedgerActors.next();
                    it.createOrganization(m, OrganizationFeatureSet.ALL);
                    Handshake invitation = it.invite(m, LedgerActors.next());
                    it.client(m).cancelHandshake(r -> r.handshakeId(invitation.id()));
                    it.client(m).cancelHandshake(r -> r.handshakeId(invitation.id()));
                }),
                error("InvalidHandshakeTransitionException", it -> {
                    String m = LedgerActors.next();
                    String a = LedgerActors.next();
                    it.createOrganization(m, OrganizationFeatureSet.ALL);
                    Handshake invitation = it.invite(m, a);
                    it.client(m).cancelHandshake(r -> r.handshakeId(invitation.id()));
                    it.client(a).acceptHandshake(r -> r.handshakeId(invitation.id()));
                }),
                error("AlreadyInOrganizationException", it -> {
                    String m = LedgerActors.next();
                    it.createOrganization(m, OrganizationFeatureSet.ALL);
                    it.createOrganization(m, OrganizationFeatureSet.ALL);
                }),
                error("MasterCannotLeaveOrganizationException", it -> {
                    String m = LedgerActors.next();
                    it.createOrganization(m, OrganizationFeatureSet.ALL);
                    it.client(m).leaveOrganization();
                }),
                error("AccountNotFoundException", it -> {
                    String m = LedgerActors.next();
                    it.createOrganization(m, OrganizationFeatureSet.ALL);
                    it.client(m).removeAccountFromOrganization(r -> r.accountId(LedgerActors.next()));
                }),
                error("ConstraintViolationException", it -> {
                    String m = LedgerActors.next();
                    it.createOrganization(m, OrganizationFeatureSet.ALL);
                    List<Tag> tags = IntStream.range(0, 51)
                            .mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
                    it.client(m).inviteAccountToOrganization(r -> r
                            .target(t -> t.id(LedgerActors.next()).type(HandshakePartyType.ACCOUNT)).tags(tags));
                }),
                error("OrganizationNotEmptyException", it -> {
                    String m = LedgerActors.next();
                    it.organizationWithMember(m, LedgerActors.next(), OrganizationFeatureSet.ALL);
                    it.client(m).deleteOrganization();
                }));
    }

    @Test
    void reasonOfAHandshakeConstraintViolationReachesTheSdk() {
        // given
        String m = LedgerActors.next();
        String c = LedgerActors.next();
        organizationWithMember(m, c, OrganizationFeatureSet.ALL);

        // when
        HandshakeConstraintViolationException violation = catchThrowableOfType(
                () -> invite(m, c), HandshakeConstraintViolationException.class);

        // then
        JsonNode body = json(violation.awsErrorDetails().rawResponse().asUtf8String());
        assertThat(violation.reasonAsString()).isEqualTo("ALREADY_IN_AN_ORGANIZATION")
                .isEqualTo(body.path("Reason").asText());
        assertThat(violation.reason())
                .isEqualTo(HandshakeConstraintViolationExceptionReason.ALREADY_IN_AN_ORGANIZATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}"})
    void describeOrganizationAcceptsAnEmptyBodyAndAnEmptyObject(String body) {
        // given
        String m = LedgerActors.next();
        String organization = createOrganization(m, OrganizationFeatureSet.ALL);

        // when
        RawSignedRequests.Response response = raw.call(m, "DescribeOrganization", body);

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("Organization").path("Id").asText()).isEqualTo(organization);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}"})
    void enableAllFeaturesAcceptsAnEmptyBodyAndAnEmptyObject(String body) {
        // given
        String m = LedgerActors.next();
        String organization = createOrganization(m, OrganizationFeatureSet.CONSOLIDATED_BILLING);

        // when
        RawSignedRequests.Response response = raw.call(m, "EnableAllFeatures", body);

        // then
        assertThat(response.status()).isEqualTo(200);
        JsonNode handshake = response.json().path("Handshake");
        assertThat(handshake.path("Action").asText()).isEqualTo("ENABLE_ALL_FEATURES");
        assertThat(handshake.path("Arn").asText()).contains(":handshake/" + organization + "/enable_all_features/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/x-amz-json-1.0", "", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "garbage"})
    void otherOrMissingContentTypeIsAccepted(String contentType) {
        // given
        String m = LedgerActors.next();
        String organization = createOrganization(m, OrganizationFeatureSet.ALL);

        // when
        RawSignedRequests.Response response = raw.post(m, "us-east-1", RawSignedRequests.headers(
                RawSignedRequests.TARGET_PREFIX + "DescribeOrganization", contentType.isEmpty() ? null : contentType),
                bytes("{}"));

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.json().path("Organization").path("Id").asText()).isEqualTo(organization);
    }

    @Test
    void requestWithoutAuthorizationIsMissingAuthenticationToken() {
        // given
        List<SdkHttpRequest> sent = new ArrayList<>();

        // when
        AwsServiceException error;
        try (OrganizationsClient anonymous = recordingClient(AnonymousCredentialsProvider.create(), Region.US_EAST_1,
                sent)) {
            error = catchThrowableOfType(anonymous::describeOrganization, AwsServiceException.class);
        }

        // then
        assertThat(sent).singleElement()
                .satisfies(request -> assertThat(request.firstMatchingHeader("Authorization")).isEmpty());
        assertThat(error.statusCode()).isIn(400, 403);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("MissingAuthenticationTokenException");
    }

    @Test
    void unknownAccessKeyIsUnrecognizedClient() {
        // given
        AwsCredentialsProvider stranger = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAUNKNOWNKEY000000", "whatever"));

        // when
        AwsServiceException error;
        try (OrganizationsClient client = recordingClient(stranger, Region.US_EAST_1, new ArrayList<>())) {
            error = catchThrowableOfType(client::describeOrganization, AwsServiceException.class);
        }

        // then
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
    }

    @Test
    void wrongSecretIsInvalidSignature() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);
        AwsCredentialsProvider wrongSecret = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LedgerActors.accessKeyId(m), LedgerActors.secret(m) + "-wrong"));

        // when
        AwsServiceException error;
        try (OrganizationsClient client = recordingClient(wrongSecret, Region.US_EAST_1, new ArrayList<>())) {
            error = catchThrowableOfType(client::describeOrganization, AwsServiceException.class);
        }

        // then
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedInputIsAClientErrorNeverAServerError(String description, String operation, byte[] body,
                                                       Set<String> expectedTypes) {
        // given
        String caller = LedgerActors.next();

        // when
        RawSignedRequests.Response response = raw.call(caller, operation, body);

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.errorType()).isIn(expectedTypes);
        assertThat(response.json().path("Message").asText()).isNotBlank();
    }

    static Stream<Arguments> malformedBodies() {
        Set<String> serialization = Set.of("SerializationException");
        Set<String> invalidInput = Set.of("InvalidInputException");
        String account = "{\"Id\": \"123456789012\", \"Type\": \"ACCOUNT\"}";
        return Stream.of(
                malformed("JSON array", "AcceptHandshake", "[]", serialization),
                malformed("JSON number", "AcceptHandshake", "42", serialization),
                malformed("JSON string", "DescribeHandshake", "\"h-12345678\"", serialization),
                malformed("JSON null", "DescribeHandshake", "null", serialization),
                malformed("trailing tokens", "DescribeHandshake", "{\"HandshakeId\": \"h-12345678\"} {}",
                        serialization),
                malformed("trailing comma", "DescribeHandshake", "{\"HandshakeId\": \"h-12345678\",}", serialization),
                malformed("number for a string", "DescribeHandshake", "{\"HandshakeId\": 12345678}", serialization),
                malformed("boolean for a string", "AcceptHandshake", "{\"HandshakeId\": true}", serialization),
                malformed("fraction for a string", "InviteAccountToOrganization",
                        "{\"Target\": " + account + ", \"Notes\": 1.5}", serialization),
                malformed("array for a string", "DescribeHandshake", "{\"HandshakeId\": [\"h-12345678\"]}",
                        serialization),
                malformed("object for a string", "CancelHandshake", "{\"HandshakeId\": {\"Id\": \"h-12345678\"}}",
                        serialization),
                malformed("string for a structure", "InviteAccountToOrganization",
                        "{\"Target\": \"123456789012\"}", serialization),
                malformed("number inside a structure", "InviteAccountToOrganization",
                        "{\"Target\": {\"Id\": 123456789012, \"Type\": \"ACCOUNT\"}}", serialization),
                malformed("structure for a list", "InviteAccountToOrganization",
                        "{\"Target\": " + account + ", \"Tags\": {\"Key\": \"k\", \"Value\": \"v\"}}", serialization),
                malformed("numbers for list members", "InviteAccountToOrganization",
                        "{\"Target\": " + account + ", \"Tags\": [1, 2]}", serialization),
                malformed("string for a filter", "ListHandshakesForOrganization", "{\"Filter\": \"INVITE\"}",
                        serialization),
                malformed("boolean for an integer", "ListHandshakesForAccount", "{\"MaxResults\": true}",
                        serialization),
                malformed("integer overflow", "ListHandshakesForAccount",
                        "{\"MaxResults\": 99999999999999999999999}", serialization),
                malformed("number for a token", "ListHandshakesForAccount", "{\"NextToken\": 5}", serialization),
                malformed("number for an enum", "CreateOrganization", "{\"FeatureSet\": 1}", serialization),
                Arguments.of("invalid UTF-8", "DescribeHandshake", new byte[] {'{', '"', 'H', '"', ':', '"',
                        (byte) 0xff, (byte) 0xfe, '"', '}'}, serialization),
                malformed("5000 levels of nesting", "DescribeHandshake",
                        "{\"X\":".repeat(5000) + "1" + "}".repeat(5000), serialization),
                malformed("1 MB handshake id", "DescribeHandshake",
                        "{\"HandshakeId\": \"h-" + "a".repeat(1_000_000) + "\"}", invalidInput),
                malformed("1 MB notes", "InviteAccountToOrganization",
                        "{\"Target\": " + account + ", \"Notes\": \"" + "n".repeat(1_000_000) + "\"}", invalidInput));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(booleans = {false, true})
    void aBodyOfExactlyOneMebibyteIsRead(boolean chunked) {
        // given
        String m = LedgerActors.next();
        String organization = createOrganization(m, OrganizationFeatureSet.ALL);
        byte[] body = padded("{}", RequestBodies.MAX_BYTES);

        // when
        RawSignedRequests.Response response = chunked ? raw.callChunked(m, "DescribeOrganization", body)
                : raw.call(m, "DescribeOrganization", body);

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("Organization").path("Id").asText()).isEqualTo(organization);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizedBodies")
    void aBodyOverOneMebibyteIsRequestEntityTooLargeWithAnAnswerNotAReset(String description, int size,
                                                                          boolean chunked, String message) {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);
        byte[] body = padded("{}", size);

        // when
        RawSignedRequests.Response response = chunked ? raw.callChunked(m, "DescribeOrganization", body)
                : raw.call(m, "DescribeOrganization", body);

        // then
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.header("x-amzn-RequestId")).get().asString().matches(REQUEST_ID);
        assertThat(response.errorType()).isEqualTo("RequestEntityTooLarge");
        assertThat(response.json().path("Message").asText()).isEqualTo(message);
    }

    static Stream<Arguments> oversizedBodies() {
        int limit = RequestBodies.MAX_BYTES;
        return Stream.of(
                Arguments.of("1 MiB + 1 with Content-Length", limit + 1, false,
                        "Request size 1048577 exceeded 1048576 bytes"),
                Arguments.of("5 MB with Content-Length", 5_000_000, false,
                        "Request size 5000000 exceeded 1048576 bytes"),
                Arguments.of("1 MiB + 1 chunked", limit + 1, true, "Request size exceeded 1048576 bytes"),
                Arguments.of("5 MB chunked", 5_000_000, true, "Request size exceeded 1048576 bytes"));
    }

    @Test
    void theSdkSeesAnOversizedRequestAsRequestEntityTooLarge() {
        // given
        String m = LedgerActors.next();
        createOrganization(m, OrganizationFeatureSet.ALL);
        String notes = "n".repeat(2_000_000);

        // when
        AwsServiceException error = catchThrowableOfType(() -> client(m).inviteAccountToOrganization(r -> r
                .target(t -> t.id(LedgerActors.next()).type(HandshakePartyType.ACCOUNT)).notes(notes)),
                AwsServiceException.class);

        // then
        assertThat(error.statusCode()).isEqualTo(413);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLarge");
        assertThat(error.awsErrorDetails().errorMessage()).matches("Request size 20000\\d\\d exceeded 1048576 bytes");
    }

    /** {@code json} followed by spaces up to {@code size} bytes. */
    private static byte[] padded(String json, int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        byte[] start = bytes(json);
        System.arraycopy(start, 0, body, 0, start.length);
        return body;
    }

    /** What provokes one modeled error, given this test instance for its clients. */
    @FunctionalInterface
    interface ErrorScenario {
        void provoke(WireProtocolIT it);
    }

    private static Arguments error(String type, ErrorScenario scenario) {
        return Arguments.of(type, scenario);
    }

    private static Arguments malformed(String description, String operation, String body, Set<String> types) {
        return Arguments.of(description, operation, bytes(body), types);
    }

    private OrganizationsClient recordingClient(AwsCredentialsProvider credentials, Region region,
                                                List<SdkHttpRequest> sent) {
        return OrganizationsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(Context.BeforeTransmission context,
                                                           ExecutionAttributes attributes) {
                                sent.add(context.httpRequest());
                            }
                        }))
                .build();
    }

    private static AwsCredentialsProvider credentialsOf(String accountId) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LedgerActors.accessKeyId(accountId), LedgerActors.secret(accountId)));
    }

    private static BigDecimal numberText(String body, String member) {
        Matcher matcher = Pattern.compile("\"" + member + "\"\\s*:\\s*(-?[0-9][0-9.eE+-]*)").matcher(body);
        assertThat(matcher.find()).as("%s is a JSON number in %s", member, body).isTrue();
        return new BigDecimal(matcher.group(1));
    }

    private static Instant instantOf(BigDecimal epochSeconds) {
        BigDecimal nanos = epochSeconds.subtract(new BigDecimal(epochSeconds.toBigInteger())).movePointRight(9);
        return Instant.ofEpochSecond(epochSeconds.longValue(), nanos.longValueExact());
    }

    private static JsonNode json(String text) {
        return RawSignedRequests.readJson(text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
