package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.CreateOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.InviteAccountToOrganizationResponse;

/**
 * The request log, as an operator collects it: the packaged jar with structured logging on
 * ({@code --logging.structured.format.console=ecs}). Every line is a JSON object; the request line of a call names
 * the request id its caller got, with operation, account, status and AWS error code; a deadline's line names its
 * handshake.
 */
class RequestLogIT {
    private static final String MANAGEMENT = "111111111111";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLogLineCarriesTheRequestIdTheClientReceived() throws Exception {
        // given
        Path dataDir = Files.createDirectories(Path.of("target", "it-request-log"))
                .resolve("data-" + System.nanoTime());
        try (LedgerProcess ledger = new LedgerProcess(dataDir, "--logging.structured.format.console=ecs",
                "--ledger.handshake.invite-expiry=PT2S", "--db-scheduler.polling-interval=500ms").start();
             OrganizationsClient management = ledger.demoClient(MANAGEMENT)) {

            // when
            CreateOrganizationResponse created = management.createOrganization(r -> { });
            InviteAccountToOrganizationResponse invited = management.inviteAccountToOrganization(r -> r
                    .target(t -> t.id("222222222222").type(HandshakePartyType.ACCOUNT)));
            AwsServiceException refused = catchThrowableOfType(AwsServiceException.class,
                    () -> management.acceptHandshake(r -> r.handshakeId("h-0123456789abcdef")));
            String handshake = invited.handshake().id();
            OperatorHttp.await("the expiry of " + handshake, () -> ledger.output().contains(
                    "Deadline fired: expiry of handshake " + handshake));

            // then every line is JSON
            List<JsonNode> lines = lines(ledger.output());
            JsonNode create = requestLine(lines, created.responseMetadata().requestId());
            assertThat(create.path("message").asText()).contains("operation=CreateOrganization",
                    "account=" + MANAGEMENT, "status=200", "error=-");
            JsonNode invite = requestLine(lines, invited.responseMetadata().requestId());
            assertThat(invite.path("message").asText()).contains("operation=InviteAccountToOrganization",
                    "status=200");
            JsonNode refusal = requestLine(lines, refused.requestId());
            assertThat(refusal.path("message").asText()).contains("operation=AcceptHandshake",
                    "account=" + MANAGEMENT, "status=400", "error=HandshakeNotFoundException");
            // the deadline's line names the handshake, as a field too
            JsonNode expiry = lines.stream().filter(line -> line.path("message").asText()
                    .startsWith("Deadline fired: expiry of handshake " + handshake)).findFirst().orElseThrow();
            assertThat(expiry.path("handshakeId").asText()).isEqualTo(handshake);
            assertThat(expiry.path("requestId").asText()).isNotEmpty();
        }
    }

    /** The request log's line of one request, which has the request id as a field of its own. */
    private static JsonNode requestLine(List<JsonNode> lines, String requestId) {
        assertThat(requestId).isNotEmpty();
        return lines.stream()
                .filter(line -> line.path("log").path("logger").asText(line.path("log.logger").asText())
                        .equals("org.handshakeledger.requests"))
                .filter(line -> requestId.equals(line.path("requestId").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No request line with requestId " + requestId));
    }

    private static List<JsonNode> lines(String output) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not a JSON line: " + line, e);
            }
        }
        return lines;
    }
}
