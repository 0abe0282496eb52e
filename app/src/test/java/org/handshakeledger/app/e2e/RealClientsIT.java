package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * What real clients send, through the running application: temporary credentials (a session token) from the Java
 * SDK and from boto3, a chunked body (Java's HttpClient streaming a body of unknown length), a header folded over two
 * lines (obs-fold, which Tomcat unfolds into blanks that SigV4 collapses), and a header repeated on two lines
 * (signed as its values joined with a comma, in order).
 */
class RealClientsIT extends AbstractLedgerIT {
    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    private static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void sdkWithSessionCredentialsActsAsTheAccountOfTheKey() {
        // given
        String account = LedgerActors.next();

        // when
        Organization created;
        try (OrganizationsClient temporary = sdkClient(AwsSessionCredentials.create(
                LedgerActors.sessionAccessKeyId(account), LedgerActors.sessionSecret(account),
                LedgerActors.sessionToken(account)))) {
            created = temporary.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL)).organization();
        }

        // then
        assertThat(created.masterAccountId()).isEqualTo(account);
        assertThat(client(account).describeOrganization().organization().id()).isEqualTo(created.id());
    }

    @Test
    void sdkWithAWrongSessionTokenIsUnrecognizedClient() {
        // given
        String account = LedgerActors.next();

        // when
        AwsServiceException error = sdkError(AwsSessionCredentials.create(LedgerActors.sessionAccessKeyId(account),
                LedgerActors.sessionSecret(account), LedgerActors.sessionToken(account) + "-expired"));

        // then
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(INVALID_TOKEN);
    }

    @Test
    void sdkWithoutTheSessionTokenOfATemporaryKeyIsUnrecognizedClient() {
        // given
        String account = LedgerActors.next();

        // when
        AwsServiceException error = sdkError(AwsBasicCredentials.create(LedgerActors.sessionAccessKeyId(account),
                LedgerActors.sessionSecret(account)));

        // then
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(INVALID_TOKEN);
    }

    @Test
    void sdkWithASessionTokenOnALongTermKeyIsUnrecognizedClient() {
        // given
        String account = LedgerActors.next();

        // when
        AwsServiceException error = sdkError(AwsSessionCredentials.create(LedgerActors.accessKeyId(account),
                LedgerActors.secret(account), LedgerActors.sessionToken(account)));

        // then
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(INVALID_TOKEN);
    }

    @Test
    void boto3WithSessionCredentialsFromTheEnvironment() {
        // given
        Assumptions.assumeTrue(python3WithBoto3(), "python3 with boto3 is not installed");
        String account = LedgerActors.next();

        // when
        JsonNode created = boto3(account, LedgerActors.sessionToken(account),
                "print(json.dumps(client.create_organization(FeatureSet='ALL')['Organization'], default=str))");
        JsonNode refused = boto3(account, "not-" + LedgerActors.sessionToken(account),
                "print(json.dumps(client.list_handshakes_for_account()))");

        // then
        assertThat(created.path("MasterAccountId").asText()).isEqualTo(account);
        assertThat(client(account).describeOrganization().organization().id())
                .isEqualTo(created.path("Id").asText());
        assertThat(refused.path("code").asText()).isEqualTo("UnrecognizedClientException");
        assertThat(refused.path("message").asText()).isEqualTo(INVALID_TOKEN);
        assertThat(refused.path("status").asInt()).isEqualTo(400);
    }

    @Test
    void chunkedBodyIsReadWholeAndSigned() {
        // given
        String account = LedgerActors.next();
        byte[] body = "{\"FeatureSet\": \"CONSOLIDATED_BILLING\"}".getBytes(StandardCharsets.UTF_8);

        // when: a body of unknown length, which HttpClient sends with Transfer-Encoding: chunked
        SdkHttpRequest signed = sign(account, "CreateOrganization", Map.of(), body);
        HttpResponse<String> response = sendStreaming(signed, body);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(RawSignedRequests.readJson(response.body()).path("Organization").path("FeatureSet").asText())
                .isEqualTo("CONSOLIDATED_BILLING");
        assertThat(client(account).describeOrganization().organization().featureSet())
                .isEqualTo(OrganizationFeatureSet.CONSOLIDATED_BILLING);
    }

    @Test
    void chunkedBodyOtherThanTheSignedOneIsInvalidSignature() {
        // given
        String account = LedgerActors.next();
        byte[] body = "{\"FeatureSet\": \"CONSOLIDATED_BILLING\"}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = sign(account, "CreateOrganization", Map.of(), body);

        // when
        HttpResponse<String> response = sendStreaming(signed,
                "{\"FeatureSet\": \"ALL\"}".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawSignedRequests.readJson(response.body()).path("__type").asText())
                .isEqualTo("InvalidSignatureException");
    }

    @Test
    void headerFoldedOverTwoLinesIsSignedAsItsUnfoldedValue() {
        // given
        String account = LedgerActors.next();
        SdkHttpRequest signed = sign(account, "ListHandshakesForAccount", Map.of("X-Note", List.of("first second")),
                "{}".getBytes(StandardCharsets.UTF_8));

        // when
        WireResponse folded = sendRaw(signed, "{}", header -> header.equalsIgnoreCase("X-Note")
                ? List.of("X-Note: first\r\n   second") : null);
        WireResponse foldedWithTab = sendRaw(signed, "{}", header -> header.equalsIgnoreCase("X-Note")
                ? List.of("X-Note: first\r\n\tsecond") : null);
        WireResponse foldedOtherText = sendRaw(signed, "{}", header -> header.equalsIgnoreCase("X-Note")
                ? List.of("X-Note: first\r\n   third") : null);

        // then
        assertThat(folded.status()).as(folded.body()).isEqualTo(200);
        assertThat(foldedWithTab.status()).as(foldedWithTab.body()).isEqualTo(200);
        assertThat(foldedOtherText.status()).isEqualTo(400);
        assertThat(foldedOtherText.json().path("__type").asText()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void headerRepeatedOnTwoLinesIsSignedAsItsValuesJoinedInOrder() {
        // given
        String account = LedgerActors.next();
        SdkHttpRequest signed = sign(account, "ListHandshakesForAccount", Map.of("X-Multi", List.of("a", "b")),
                "{}".getBytes(StandardCharsets.UTF_8));

        // when
        WireResponse twoLines = sendRaw(signed, "{}", header -> null);
        WireResponse oneLine = sendRaw(signed, "{}", header -> header.equalsIgnoreCase("X-Multi")
                ? List.of("X-Multi: a,b") : null);
        WireResponse otherOrder = sendRaw(signed, "{}", header -> header.equalsIgnoreCase("X-Multi")
                ? List.of("X-Multi: b", "X-Multi: a") : null);

        // then
        assertThat(twoLines.status()).as(twoLines.body()).isEqualTo(200);
        assertThat(oneLine.status()).as(oneLine.body()).isEqualTo(200);
        assertThat(otherOrder.status()).isEqualTo(400);
        assertThat(otherOrder.json().path("__type").asText()).isEqualTo("InvalidSignatureException");
    }

    private OrganizationsClient sdkClient(AwsCredentials credentials) {
        return sdkClient(endpoint(), credentials, Region.US_EAST_1);
    }

    private AwsServiceException sdkError(AwsCredentials credentials) {
        try (OrganizationsClient client = sdkClient(credentials)) {
            AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                    () -> client.listHandshakesForAccount(r -> { }));
            assertThat(error).as("expected the call to fail").isNotNull();
            return error;
        }
    }

    /** A {@code POST /} of the operation signed by the account's long-term key, with extra headers signed too. */
    private SdkHttpRequest sign(String account, String operation, Map<String, List<String>> extraHeaders,
                                byte[] body) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:" + port + "/"))
                .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                .putHeader("Content-Type", RawSignedRequests.AWS_JSON);
        extraHeaders.forEach(unsigned::putHeader);
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(LedgerActors.accessKeyId(account),
                        LedgerActors.secret(account)))
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
    }

    private static HttpResponse<String> sendStreaming(SdkHttpRequest signed, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        signed.forEachHeader((name, values) -> {
            if (!"host".equalsIgnoreCase(name)) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the signed request on a socket of its own, each header as it comes, except where {@code rewrite} gives
     * the lines to send instead (null: as signed, one line per value).
     */
    private WireResponse sendRaw(SdkHttpRequest signed, String body, Function<String, List<String>> rewrite) {
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
        signed.forEachHeader((name, values) -> {
            List<String> lines = rewrite.apply(name);
            if (lines == null) {
                values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
            } else {
                lines.forEach(line -> head.append(line).append("\r\n"));
            }
        });
        head.append("Content-Length: ").append(bodyBytes.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bodyBytes);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
            return new WireResponse(status, response.substring(response.indexOf("\r\n\r\n") + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record WireResponse(int status, String body) {
        JsonNode json() {
            return RawSignedRequests.readJson(body);
        }
    }

    /**
     * Runs {@code statement} with a boto3 client of the ledger whose credentials come from the environment, as an
     * SSO or assumed-role profile gives them; prints the error as JSON if the call fails.
     */
    private JsonNode boto3(String account, String sessionToken, String statement) {
        String script = String.join("\n",
                "import json, boto3, botocore.exceptions",
                "from botocore.config import Config",
                "client = boto3.client('organizations', endpoint_url='http://127.0.0.1:" + port + "',"
                        + " config=Config(retries={'total_max_attempts': 1}))",
                "try:",
                "    " + statement,
                "except botocore.exceptions.ClientError as e:",
                "    print(json.dumps({'code': e.response['Error']['Code'], 'message': e.response['Error']['Message'],"
                        + " 'status': e.response['ResponseMetadata']['HTTPStatusCode']}))");
        ProcessBuilder python = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true);
        Map<String, String> env = python.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", LedgerActors.sessionAccessKeyId(account));
        env.put("AWS_SECRET_ACCESS_KEY", LedgerActors.sessionSecret(account));
        env.put("AWS_SESSION_TOKEN", sessionToken);
        env.put("AWS_DEFAULT_REGION", "eu-west-3");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        String output = run(python);
        String lastLine = output.strip().substring(output.strip().lastIndexOf('\n') + 1);
        return RawSignedRequests.readJson(lastLine);
    }

    private static boolean python3WithBoto3() {
        try {
            Process check = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(ProcessBuilder command) {
        try {
            Process process = command.start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python3 finished").isTrue();
            String text = output.toString(StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(text).isZero();
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
