package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.DuplicateHandshakeException;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.OrganizationsException;
import software.amazon.awssdk.services.organizations.model.OrganizationsResponse;

/**
 * Issue 5 end to end: a scripted history made through the AWS SDK (an organization, invitations accepted, declined
 * and canceled, refused calls, an expiry, and the deletions that follow, with two-second lifetimes and a fast
 * scheduler) is reproduced exactly by {@code /ledger/handshakes/{id}/history} and {@code /ledger/audit} in every
 * format, the hash chain is verified and tampering detected, and every caller sees only its share. Shares its
 * settings, and so its application, with {@link HandshakeDeadlinesIT}; the history is made once for all tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
    "ledger.handshake.invite-expiry=PT2S",
    "ledger.handshake.all-features-expiry=PT3S",
    "ledger.handshake.retention=PT3S",
    "db-scheduler.polling-interval=200ms"
})
class AuditTrailIT extends AbstractLedgerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String LOCALHOST = "127.0.0.1";
    private static final String SERVICE = "organizations.amazonaws.com";
    private static final String AUDITOR = LedgerActors.AUDITOR;
    private static final String NEXT_AFTER = "X-Ledger-Next-After";
    private static final List<String> RECORD_FIELDS = List.of("seq", "globalIndex", "eventTime", "eventType",
            "eventName", "actorType", "actorAccountId", "accessKeyId", "sourceIp", "userAgent", "requestId",
            "requestTime", "organizationId", "handshakeId", "parties", "state", "errorCode", "errorMessage",
            "requestParameters", "details", "prevHash", "hash");
    private static final List<String> CLOUDTRAIL_FIELDS = List.of("eventVersion", "eventID", "eventTime",
            "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent", "userIdentity",
            "requestParameters", "responseElements", "errorCode", "errorMessage", "requestID", "readOnly",
            "eventType", "managementEvent", "recipientAccountId", "eventCategory");
    private static final String CHAIN_COLUMNS = "event_time, event_type, event_name, actor_type, actor_account_id,"
            + " access_key_id, source_ip, user_agent, request_id, request_time, organization_id, handshake_id,"
            + " parties, state, error_code, error_message, request_parameters, details, prev_hash, hash";

    @Autowired
    JdbcTemplate jdbc;

    private LedgerHttp http;
    private final Map<String, OrganizationsClient> sdk = new ConcurrentHashMap<>();
    private final Map<String, String> lastUserAgent = new ConcurrentHashMap<>();

    // the cast of the scripted history
    private final String management = LedgerActors.next();
    private final String alice = LedgerActors.next();
    private final String bob = LedgerActors.next();
    private final String carol = LedgerActors.next();
    private final String dave = LedgerActors.next();
    private final String stranger = LedgerActors.next();
    private final String unrelated = LedgerActors.next();

    private String organization;
    private String accepted;
    private String declined;
    private String canceled;
    private String expired;
    private final Map<String, List<Row>> histories = new LinkedHashMap<>();
    private final List<Row> organizationRecords = new ArrayList<>();
    private final Map<String, Call> callsByRequestId = new LinkedHashMap<>();

    /** One SDK call as the ledger should have recorded it: who, which request, which client, and when. */
    private record Call(String account, String requestId, String userAgent, Instant before, Instant after) {
    }

    /** What an audit record says about who did what; compared whole, so a failure shows the entire record. */
    private record Row(String eventType, String eventName, String actorType, String actorAccountId,
                       String accessKeyId, String sourceIp, String userAgent, String requestId, String organizationId,
                       String handshakeId, String state, String errorCode) {

        static Row of(JsonNode record) {
            return new Row(text(record, "eventType"), text(record, "eventName"), text(record, "actorType"),
                    text(record, "actorAccountId"), text(record, "accessKeyId"), text(record, "sourceIp"),
                    text(record, "userAgent"), text(record, "requestId"), text(record, "organizationId"),
                    text(record, "handshakeId"), text(record, "state"), text(record, "errorCode"));
        }

        static Row by(Call call, String eventType, String eventName, String organizationId, String handshakeId,
                      String state, String errorCode) {
            return new Row(eventType, eventName, "ACCOUNT", call.account(), LedgerActors.accessKeyId(call.account()),
                    LOCALHOST, call.userAgent(), call.requestId(), organizationId, handshakeId, state, errorCode);
        }

        static Row byLedger(String eventType, String eventName, String organizationId, String handshakeId,
                            String state) {
            return new Row(eventType, eventName, "LEDGER", null, null, null, null, null, organizationId,
                    handshakeId, state, null);
        }
    }

    @BeforeAll
    void scriptAHistory() {
        http = new LedgerHttp(port);
        Stream.of(management, alice, bob, carol, dave, stranger).forEach(this::sdk);
        Call create = call(management, c -> c.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL)),
                r -> organization = r.organization().id());
        organizationRecords.add(Row.by(create, "OrganizationCreatedEvent", "CreateOrganization", organization, null,
                null, null));

        // every invitation is answered at once: it lives two seconds
        Call inviteAlice = invite(alice, id -> accepted = id);
        Call accept = call(alice, c -> c.acceptHandshake(r -> r.handshakeId(accepted)), r -> { });
        Call cancelByRecipient = refused(alice, AccessDeniedException.class,
                c -> c.cancelHandshake(r -> r.handshakeId(accepted)));
        Call acceptByStranger = refused(stranger, HandshakeNotFoundException.class,
                c -> c.acceptHandshake(r -> r.handshakeId(accepted)));
        Call inviteBob = invite(bob, id -> declined = id);
        Call decline = call(bob, c -> c.declineHandshake(r -> r.handshakeId(declined)), r -> { });
        Call inviteCarol = invite(carol, id -> canceled = id);
        Call duplicate = refused(management, DuplicateHandshakeException.class,
                c -> c.inviteAccountToOrganization(r -> r.target(t -> t.id(carol).type(HandshakePartyType.ACCOUNT))));
        Call cancel = call(management, c -> c.cancelHandshake(r -> r.handshakeId(canceled)), r -> { });
        Call inviteDave = invite(dave, id -> expired = id);
        organizationRecords.add(Row.by(duplicate, "RequestRefusedEvent", "InviteAccountToOrganization", organization,
                null, null, "DuplicateHandshakeException"));

        histories.put(accepted, List.of(
                invited(inviteAlice, accepted),
                // the acceptance first, then what it caused
                Row.by(accept, "HandshakeAcceptedEvent", "AcceptHandshake", organization, accepted, "ACCEPTED", null),
                Row.by(accept, "AccountJoinedOrganizationEvent", "AcceptHandshake", organization, accepted, null,
                        null),
                Row.by(cancelByRecipient, "RequestRefusedEvent", "CancelHandshake", organization, accepted, null,
                        "AccessDeniedException"),
                // the stranger was told the handshake does not exist: its record names neither organization nor
                // parties of the handshake
                Row.by(acceptByStranger, "RequestRefusedEvent", "AcceptHandshake", null, accepted, null,
                        "HandshakeNotFoundException"),
                deleted(accepted)));
        histories.put(declined, List.of(
                invited(inviteBob, declined),
                Row.by(decline, "HandshakeDeclinedEvent", "DeclineHandshake", organization, declined, "DECLINED",
                        null),
                deleted(declined)));
        histories.put(canceled, List.of(
                invited(inviteCarol, canceled),
                Row.by(cancel, "HandshakeCanceledEvent", "CancelHandshake", organization, canceled, "CANCELED", null),
                deleted(canceled)));
        histories.put(expired, List.of(
                invited(inviteDave, expired),
                Row.byLedger("HandshakeExpiredEvent", "ExpireHandshake", organization, expired, "EXPIRED"),
                deleted(expired)));

        awaitTheWholeHistory();
    }

    @AfterAll
    void closeSdkClients() {
        sdk.values().forEach(OrganizationsClient::close);
    }

    @Test
    void historyShowsEveryChangeOfAHandshakeOldestFirstWithItsActorAndRequest() {
        for (Map.Entry<String, List<Row>> handshake : histories.entrySet()) {
            // when
            RawSignedRequests.Response response = http.get(AUDITOR, "/ledger/handshakes/" + handshake.getKey()
                    + "/history");

            // then
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("application/json"));
            List<JsonNode> records = elements(response.json());
            assertThat(rows(records)).as("history of %s", handshake.getKey())
                    .containsExactlyElementsOf(handshake.getValue());
            assertThat(records).extracting(r -> r.get("seq").asLong()).isSorted();
            records.forEach(this::assertCompleteRecord);
        }
    }

    @Test
    void historyOutlivesTheHandshakesDeletionFromTheAwsViews() {
        // when
        HandshakeNotFoundException gone = catchThrowableOfType(HandshakeNotFoundException.class,
                () -> sdk(management).describeHandshake(r -> r.handshakeId(accepted)));
        RawSignedRequests.Response history = http.get(management, "/ledger/handshakes/" + accepted + "/history");

        // then
        assertThat(gone).isNotNull();
        assertThat(history.status()).isEqualTo(200);
        assertThat(rows(elements(history.json())).get(0).eventType()).isEqualTo("AccountInvitedEvent");
    }

    @Test
    void auditExportsTheOrganizationsRecordsAsJsonLinesInChainOrder() {
        // when
        RawSignedRequests.Response response = http.get(AUDITOR, "/ledger/audit?organizationId=" + organization);
        RawSignedRequests.Response explicit = http.get(AUDITOR, "/ledger/audit?format=jsonl&organizationId="
                + organization);

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValue("application/x-ndjson");
        List<JsonNode> records = LedgerHttp.jsonLines(response.body());
        assertThat(records).containsExactlyElementsOf(expectedOrganizationExport());
        assertThat(rows(records)).containsAll(organizationRecords);
        records.forEach(this::assertCompleteRecord);
        assertThat(explicit.body()).isEqualTo(response.body());
    }

    @Test
    void auditFiltersByAccountHandshakeAndTimeRange() {
        // given
        List<JsonNode> all = organizationExport();
        Instant from = Instant.parse(all.get(2).get("eventTime").asText());
        Instant to = Instant.parse(all.get(all.size() - 2).get("eventTime").asText());

        // when
        List<JsonNode> ofBob = LedgerHttp.jsonLines(http.get(AUDITOR, "/ledger/audit?accountId=" + bob).body());
        List<JsonNode> ofCanceled = LedgerHttp.jsonLines(http.get(AUDITOR, "/ledger/audit?handshakeId=" + canceled)
                .body());
        List<JsonNode> inRange = LedgerHttp.jsonLines(http.get(AUDITOR, "/ledger/audit?organizationId="
                + organization + "&from=" + from + "&to=" + to).body());

        // then
        assertThat(rows(ofBob)).containsExactlyElementsOf(histories.get(declined));
        assertThat(rows(ofCanceled)).containsExactlyElementsOf(histories.get(canceled));
        assertThat(inRange).isNotEmpty().containsExactlyElementsOf(all.stream().filter(r -> {
            Instant time = Instant.parse(r.get("eventTime").asText());
            return !time.isBefore(from) && time.isBefore(to);
        }).toList());
    }

    @Test
    void cloudTrailExportHasEveryFieldOfAnOrganizationsManagementEvent() {
        // given
        List<JsonNode> records = organizationExport();

        // when
        RawSignedRequests.Response response = http.get(AUDITOR, "/ledger/audit?format=cloudtrail&organizationId="
                + organization);
        RawSignedRequests.Response again = http.get(AUDITOR, "/ledger/audit?format=cloudtrail&organizationId="
                + organization);

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValue("application/x-ndjson");
        List<JsonNode> events = LedgerHttp.jsonLines(response.body());
        assertThat(events).hasSameSizeAs(records);
        Set<String> eventIds = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            JsonNode record = records.get(i);
            boolean byLedger = "LEDGER".equals(text(record, "actorType"));
            assertThat(fieldNames(event)).containsExactlyElementsOf(CLOUDTRAIL_FIELDS);
            assertThat(text(event, "eventVersion")).isEqualTo("1.08");
            assertThat(text(event, "eventID")).isEqualTo(UUID.nameUUIDFromBytes((record.get("seq").asLong() + ":"
                    + text(record, "hash")).getBytes(StandardCharsets.UTF_8)).toString());
            assertThat(Instant.parse(text(event, "eventTime")))
                    .isEqualTo(Instant.parse(text(record, "eventTime")).truncatedTo(ChronoUnit.SECONDS));
            assertThat(text(event, "eventSource")).isEqualTo(SERVICE);
            assertThat(text(event, "eventName")).isEqualTo(text(record, "eventName"));
            assertThat(text(event, "awsRegion")).isEqualTo("us-east-1");
            assertThat(text(event, "sourceIPAddress")).isEqualTo(byLedger ? SERVICE : LOCALHOST);
            assertThat(text(event, "userAgent")).isEqualTo(byLedger ? SERVICE : text(record, "userAgent"));
            assertThat(event.get("userIdentity")).isEqualTo(byLedger
                    ? RawSignedRequests.readJson("{\"type\":\"AWSService\",\"invokedBy\":\"" + SERVICE + "\"}")
                    : RawSignedRequests.readJson("{\"type\":\"AWSAccount\",\"accountId\":\""
                    + text(record, "actorAccountId") + "\",\"accessKeyId\":\"" + text(record, "accessKeyId")
                    + "\"}"));
            assertThat(event.get("requestParameters")).isEqualTo(byLedger ? RawSignedRequests.JSON.nullNode()
                    : lowerCamel(RawSignedRequests.readJson(text(record, "requestParameters"))));
            assertThat(event.get("responseElements")).isEqualTo(responseElements(record));
            assertThat(text(event, "errorCode")).isEqualTo(text(record, "errorCode"));
            assertThat(text(event, "errorMessage")).isEqualTo(text(record, "errorMessage"));
            assertThat(text(event, "requestID")).isEqualTo(text(record, "requestId"));
            assertThat(event.get("readOnly").asBoolean(true)).isFalse();
            assertThat(text(event, "eventType")).isEqualTo(byLedger ? "AwsServiceEvent" : "AwsApiCall");
            assertThat(event.get("managementEvent").asBoolean(false)).isTrue();
            assertThat(text(event, "recipientAccountId")).isEqualTo(management);
            assertThat(text(event, "eventCategory")).isEqualTo("Management");
            eventIds.add(text(event, "eventID"));
        }
        assertThat(eventIds).hasSameSizeAs(events);
        assertThat(again.body()).isEqualTo(response.body());
        assertThat(events).anySatisfy(event -> {
            assertThat(text(event, "eventName")).isEqualTo("AcceptHandshake");
            assertThat(event.get("requestParameters")).isEqualTo(RawSignedRequests.readJson("{\"handshakeId\":\""
                    + accepted + "\"}"));
            assertThat(event.get("responseElements")).isEqualTo(RawSignedRequests.readJson("{\"handshake\":{\"id\":\""
                    + accepted + "\",\"state\":\"ACCEPTED\",\"parties\":[{\"id\":\"" + organization
                    + "\",\"type\":\"ORGANIZATION\"}]}}"));
        });
    }

    @Test
    void csvExportHasAHeaderRowAndEveryRecordField() throws IOException {
        // given
        List<JsonNode> records = organizationExport();

        // when
        RawSignedRequests.Response response = http.get(AUDITOR, "/ledger/audit?format=csv&organizationId="
                + organization);

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/csv").contains("header=present"));
        assertThat(response.body()).startsWith(String.join(",", RECORD_FIELDS) + "\r\n").endsWith("\r\n");
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> csv = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(response.body())) {
            csv.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSameSizeAs(records);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> expected = new LinkedHashMap<>();
            records.get(i).fields().forEachRemaining(field -> expected.put(field.getKey(),
                    field.getValue().isNull() ? "" : field.getValue().asText()));
            assertThat(rows.get(i)).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void limitCutsTheExportAndAfterResumesIt() {
        // given
        List<JsonNode> all = organizationExport();
        String query = "/ledger/audit?organizationId=" + organization;

        // when
        List<JsonNode> paged = new ArrayList<>();
        List<Long> cuts = new ArrayList<>();
        String after = null;
        do {
            RawSignedRequests.Response page = http.get(AUDITOR, query + "&limit=4" + (after == null ? "" : "&after="
                    + after));
            List<JsonNode> records = LedgerHttp.jsonLines(page.body());
            assertThat(records).hasSizeLessThanOrEqualTo(4);
            paged.addAll(records);
            after = page.header(NEXT_AFTER).orElse(null);
            if (after != null) {
                cuts.add(Long.parseLong(after));
                assertThat(records).hasSize(4);
                assertThat(records.get(3).get("seq").asLong()).isEqualTo(Long.parseLong(after));
            }
        } while (after != null);
        RawSignedRequests.Response large = http.get(AUDITOR, query + "&limit=600");
        RawSignedRequests.Response afterTheFirst = http.get(AUDITOR, query + "&after=" + all.get(0).get("seq"));

        // then
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(cuts).hasSize((all.size() - 1) / 4);
        assertThat(large.header(NEXT_AFTER)).isEmpty();
        assertThat(LedgerHttp.jsonLines(large.body())).containsExactlyElementsOf(all);
        assertThat(LedgerHttp.jsonLines(afterTheFirst.body())).containsExactlyElementsOf(all.subList(1, all.size()));
    }

    @Test
    void verifyPassesThenNamesTheRecordThatWasAlteredDeletedOrSwapped() {
        // given
        long acceptedSeq = seqOf("HandshakeAcceptedEvent", accepted);
        long declinedSeq = seqOf("HandshakeDeclinedEvent", declined);
        long canceledSeq = seqOf("HandshakeCanceledEvent", canceled);
        JsonNode before = verify("");
        assertThat(before.get("valid").asBoolean()).as("%s", before).isTrue();
        assertThat(before.get("records").asLong()).isGreaterThanOrEqualTo(organizationExport().size());
        assertThat(fieldNames(before)).containsExactly("valid", "records", "digests");

        jdbc.execute("create table audit_record_saved as select * from audit_record where seq in (" + acceptedSeq
                + ", " + declinedSeq + ", " + canceledSeq + ")");
        try {
            // when a column of a record is changed
            jdbc.update("update audit_record set source_ip = '203.0.113.7' where seq = ?", acceptedSeq);
            JsonNode altered = verify("");
            restore(acceptedSeq, acceptedSeq);

            // when a record is deleted
            jdbc.update("delete from audit_record where seq = ?", declinedSeq);
            JsonNode deleted = verify("");
            jdbc.update("insert into audit_record select * from audit_record_saved where seq = ?", declinedSeq);

            // when two records swap places
            restore(declinedSeq, canceledSeq);
            restore(canceledSeq, declinedSeq);
            JsonNode swapped = verify("");
            restore(declinedSeq, declinedSeq);
            restore(canceledSeq, canceledSeq);

            // then
            assertThat(altered.get("valid").asBoolean()).isFalse();
            assertThat(altered.get("brokenAtSeq").asLong()).isEqualTo(acceptedSeq);
            assertThat(altered.get("records").asLong()).isEqualTo(acceptedSeq - 1);
            assertThat(altered.get("problem").asText()).contains("hash");
            assertThat(deleted.get("valid").asBoolean()).isFalse();
            assertThat(deleted.get("brokenAtSeq").asLong()).isEqualTo(declinedSeq);
            assertThat(deleted.get("problem").asText()).contains("missing");
            assertThat(swapped.get("valid").asBoolean()).isFalse();
            assertThat(swapped.get("brokenAtSeq").asLong()).isEqualTo(Math.min(declinedSeq, canceledSeq));
        } finally {
            jdbc.execute("drop table audit_record_saved");
        }
        JsonNode after = verify("");
        assertThat(after.get("valid").asBoolean()).as("%s", after).isTrue();
        JsonNode range = verify("?from=" + organizationExport().get(0).get("eventTime").asText());
        assertThat(range.get("valid").asBoolean()).isTrue();
        assertThat(range.get("records").asLong()).isGreaterThanOrEqualTo(organizationExport().size());
    }

    @Test
    void verifyIsForAuditorsOnly() {
        // when
        RawSignedRequests.Response response = http.get(management, "/ledger/audit/verify");

        // then
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorType()).isEqualTo("AccessDeniedException");
    }

    @Test
    void anUnrelatedAccountSeesNothingOfIt() {
        // when
        RawSignedRequests.Response audit = http.get(unrelated, "/ledger/audit");
        RawSignedRequests.Response ofTheOrganization = http.get(unrelated, "/ledger/audit?organizationId="
                + organization);
        RawSignedRequests.Response history = http.get(unrelated, "/ledger/handshakes/" + accepted + "/history");
        RawSignedRequests.Response unknown = http.get(unrelated, "/ledger/handshakes/h-0123456789abcdef/history");

        // then
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).isEmpty();
        assertThat(ofTheOrganization.body()).isEmpty();
        assertThat(history.status()).isEqualTo(404);
        assertThat(history.errorType()).isEqualTo("HandshakeNotFoundException");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(history.body().replace(accepted, "h-0123456789abcdef"));
    }

    @Test
    void aRecipientSeesOnlyItsOwnHandshakes() {
        // when
        List<JsonNode> ofBob = LedgerHttp.jsonLines(http.get(bob, "/ledger/audit").body());
        List<JsonNode> ofBobInTheOrganization = LedgerHttp.jsonLines(http.get(bob, "/ledger/audit?organizationId="
                + organization).body());
        List<JsonNode> ofAlice = LedgerHttp.jsonLines(http.get(alice, "/ledger/audit").body());
        RawSignedRequests.Response othersHistory = http.get(bob, "/ledger/handshakes/" + accepted + "/history");

        // then
        assertThat(rows(ofBob)).containsExactlyElementsOf(histories.get(declined));
        assertThat(rows(ofBobInTheOrganization)).containsExactlyElementsOf(histories.get(declined));
        assertThat(rows(LedgerHttp.jsonLines(http.get(carol, "/ledger/audit").body())))
                .containsExactlyElementsOf(histories.get(canceled));
        assertThat(rows(LedgerHttp.jsonLines(http.get(dave, "/ledger/audit").body())))
                .containsExactlyElementsOf(histories.get(expired));
        assertThat(rows(ofAlice)).containsExactlyElementsOf(histories.get(accepted).stream()
                .filter(row -> !stranger.equals(row.actorAccountId())).toList());
        assertThat(othersHistory.status()).isEqualTo(404);
    }

    @Test
    void aStrangerSeesItsRefusedCallButNothingOfTheHandshakeBehindIt() {
        // when
        RawSignedRequests.Response audit = http.get(stranger, "/ledger/audit");
        RawSignedRequests.Response history = http.get(stranger, "/ledger/handshakes/" + accepted + "/history");

        // then
        List<JsonNode> records = LedgerHttp.jsonLines(audit.body());
        assertThat(rows(records)).containsExactly(histories.get(accepted).get(4));
        assertThat(records.get(0).get("parties").asText()).isEqualTo("," + stranger + ",");
        assertThat(audit.body()).doesNotContain(management, alice, organization);
        assertThat(history.status()).isEqualTo(200);
        assertThat(elements(history.json())).containsExactlyElementsOf(records);
    }

    @Test
    void theManagementAccountSeesItsOrganizationAndAnAuditorEverything() {
        // when
        List<JsonNode> ofManagement = LedgerHttp.jsonLines(http.get(management, "/ledger/audit").body());
        List<JsonNode> ofAuditor = LedgerHttp.jsonLines(http.get(AUDITOR, "/ledger/audit").body());
        List<JsonNode> acceptedOfAuditor = LedgerHttp.jsonLines(http.get(AUDITOR, "/ledger/audit?handshakeId="
                + accepted).body());

        // then
        assertThat(ofManagement).containsExactlyElementsOf(expectedOrganizationExport());
        assertThat(ofAuditor).containsAll(expectedOrganizationExport());
        assertThat(rows(acceptedOfAuditor)).containsExactlyElementsOf(histories.get(accepted));
    }

    @Test
    void requestsWithoutAValidSignatureAreRefused() {
        // when
        RawSignedRequests.Response unsigned = http.unsigned("GET", "/ledger/audit");
        RawSignedRequests.Response unsignedHistory = http.unsigned("GET", "/ledger/handshakes/" + accepted + "/history");
        RawSignedRequests.Response unsignedVerify = http.unsigned("GET", "/ledger/audit/verify");
        RawSignedRequests.Response wrongSecret = http.send("GET", LedgerActors.accessKeyId(AUDITOR), "not-the-secret",
                "/ledger/audit");
        RawSignedRequests.Response unknownKey = http.send("GET", "AKIAUNKNOWN000000000", "secret", "/ledger/audit");

        // then
        for (RawSignedRequests.Response response : List.of(unsigned, unsignedHistory, unsignedVerify)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.errorType()).isEqualTo("MissingAuthenticationTokenException");
            assertThat(response.json().path("Message").asText()).isNotBlank();
        }
        assertThat(wrongSecret.status()).isEqualTo(403);
        assertThat(wrongSecret.errorType()).isEqualTo("InvalidSignatureException");
        assertThat(unknownKey.status()).isEqualTo(403);
        assertThat(unknownKey.errorType()).isEqualTo("UnrecognizedClientException");
        assertThat(wrongSecret.body()).doesNotContain(management, organization);
    }

    @Test
    void invalidParametersAreRefusedNamingTheParameter() {
        Map<String, String> parameterByQuery = new LinkedHashMap<>();
        parameterByQuery.put("/ledger/audit?from=yesterday", "from");
        parameterByQuery.put("/ledger/audit?to=2025-13-01T00:00:00Z", "to");
        parameterByQuery.put("/ledger/audit?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "to");
        parameterByQuery.put("/ledger/audit?format=xml", "format");
        parameterByQuery.put("/ledger/audit?limit=0", "limit");
        parameterByQuery.put("/ledger/audit?limit=ten", "limit");
        parameterByQuery.put("/ledger/audit?after=-1", "after");
        parameterByQuery.put("/ledger/audit?accountId=12345", "accountId");
        parameterByQuery.put("/ledger/audit?organizationId=org-1", "organizationId");
        parameterByQuery.put("/ledger/audit?handshakeId=abc", "handshakeId");
        parameterByQuery.put("/ledger/audit?colour=red", "colour");
        parameterByQuery.put("/ledger/audit?format=csv&format=jsonl", "format");
        parameterByQuery.put("/ledger/audit/verify?limit=1", "limit");
        parameterByQuery.put("/ledger/handshakes/h-NOT-AN-ID/history", "id");

        for (Map.Entry<String, String> entry : parameterByQuery.entrySet()) {
            // when
            RawSignedRequests.Response response = http.get(AUDITOR, entry.getKey());

            // then
            assertThat(response.status()).as(entry.getKey()).isEqualTo(400);
            assertThat(response.errorType()).as(entry.getKey()).isEqualTo("InvalidInputException");
            assertThat(response.json().path("Message").asText()).as(entry.getKey())
                    .contains("'" + entry.getValue() + "'");
        }
        assertThat(http.get(AUDITOR, "/ledger/audit?from=2025-01-01&organizationId=" + organization).status())
                .isEqualTo(200);
    }

    @Test
    void ledgerPathsTakeOnlyGetAndAreNotReachableThroughTheAwsEndpoint() {
        // when
        RawSignedRequests.Response post = http.send("POST", LedgerActors.accessKeyId(AUDITOR),
                LedgerActors.secret(AUDITOR), "/ledger/audit");
        RawSignedRequests.Response delete = http.send("DELETE", LedgerActors.accessKeyId(AUDITOR),
                LedgerActors.secret(AUDITOR), "/ledger/handshakes/" + accepted + "/history");
        RawSignedRequests.Response unknownPath = http.get(AUDITOR, "/ledger/everything");
        RawSignedRequests.Response unsignedPost = http.unsigned("POST", "/ledger/audit");
        RawSignedRequests aws = new RawSignedRequests(port);
        RawSignedRequests.Response throughAws = aws.call(AUDITOR, "GetAuditTrail", "{}");
        RawSignedRequests.Response pathAsTarget = aws.call(AUDITOR, "/ledger/audit", "{}");

        // then
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        assertThat(delete.status()).isEqualTo(405);
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.errorType()).isEqualTo("NotFoundException");
        assertThat(unsignedPost.status()).isEqualTo(401);
        for (RawSignedRequests.Response response : List.of(throughAws, pathAsTarget)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorType()).isEqualTo("UnknownOperationException");
        }
    }

    private Call invite(String account, Consumer<String> handshakeId) {
        return call(management, c -> c.inviteAccountToOrganization(r -> r.target(t -> t.id(account)
                .type(HandshakePartyType.ACCOUNT))), r -> handshakeId.accept(r.handshake().id()));
    }

    private Row invited(Call invite, String handshakeId) {
        return Row.by(invite, "AccountInvitedEvent", "InviteAccountToOrganization", organization, handshakeId, "OPEN",
                null);
    }

    private Row deleted(String handshakeId) {
        return Row.byLedger("HandshakeDeletedEvent", "DeleteHandshake", organization, handshakeId, "DELETED");
    }

    private <R extends OrganizationsResponse> Call call(String account, Function<OrganizationsClient, R> operation,
                                                        Consumer<R> result) {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        R response = operation.apply(sdk(account));
        Call call = new Call(account, response.responseMetadata().requestId(), lastUserAgent.get(account), before,
                Instant.now());
        callsByRequestId.put(call.requestId(), call);
        result.accept(response);
        return call;
    }

    private Call refused(String account, Class<? extends OrganizationsException> type,
                         Consumer<OrganizationsClient> operation) {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OrganizationsException failure = catchThrowableOfType(type, () -> operation.accept(sdk(account)));
        assertThat(failure).as("expected %s", type.getSimpleName()).isNotNull();
        Call call = new Call(account, failure.requestId(), lastUserAgent.get(account), before, Instant.now());
        callsByRequestId.put(call.requestId(), call);
        return call;
    }

    /** An SDK client of the account that remembers the User-Agent header of its last request. */
    private OrganizationsClient sdk(String account) {
        return sdk.computeIfAbsent(account, id -> OrganizationsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LedgerActors.accessKeyId(id), LedgerActors.secret(id))))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(Context.BeforeTransmission context,
                                                           ExecutionAttributes attributes) {
                                lastUserAgent.put(id, context.httpRequest().firstMatchingHeader("User-Agent")
                                        .orElse(null));
                            }
                        }))
                .build());
    }

    /** Polls until the tracking processor wrote every record, deletions by the retention deadline included. */
    private void awaitTheWholeHistory() {
        int expected = expectedOrganizationRows().size();
        Instant deadline = Instant.now().plus(PATIENCE);
        List<JsonNode> records = organizationExport();
        while (records.size() < expected && Instant.now().isBefore(deadline)) {
            sleep(200);
            records = organizationExport();
        }
        if (records.size() < expected) {
            // what the event store and the scheduler hold, to tell a late deadline from a lost record
            Map<String, List<Map<String, Object>>> events = new LinkedHashMap<>();
            histories.keySet().forEach(handshake -> events.put(handshake, jdbc.queryForList("select global_index,"
                    + " payload_type, time_stamp from domain_event_entry where aggregate_identifier = ?"
                    + " order by sequence_number", handshake)));
            List<String> tokens = jdbc.query("select processor_name, token from token_entry",
                    (row, n) -> row.getString(1) + "=" + new String(row.getBytes(2), StandardCharsets.UTF_8));
            assertThat(records).as("the organization's audit records; events %s; deadlines %s; tokens %s", events,
                    jdbc.queryForList("select task_instance, execution_time, picked, consecutive_failures"
                            + " from scheduled_tasks"), tokens).hasSize(expected);
        }
    }

    private List<Row> expectedOrganizationRows() {
        return Stream.concat(organizationRecords.stream(), histories.values().stream().flatMap(List::stream))
                .filter(row -> organization.equals(row.organizationId()))
                .toList();
    }

    /** The organization's records as the histories show them, in chain order, plus those of no handshake. */
    private List<JsonNode> expectedOrganizationExport() {
        List<JsonNode> records = new ArrayList<>();
        for (String handshake : histories.keySet()) {
            elements(http.get(AUDITOR, "/ledger/handshakes/" + handshake + "/history").json()).stream()
                    .filter(record -> organization.equals(text(record, "organizationId")))
                    .forEach(records::add);
        }
        organizationExport().stream().filter(record -> text(record, "handshakeId") == null).forEach(records::add);
        records.sort(Comparator.comparingLong(record -> record.get("seq").asLong()));
        assertThat(rows(records)).containsExactlyInAnyOrderElementsOf(expectedOrganizationRows());
        return records;
    }

    private List<JsonNode> organizationExport() {
        RawSignedRequests.Response response = http.get(AUDITOR, "/ledger/audit?organizationId=" + organization);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return LedgerHttp.jsonLines(response.body());
    }

    private JsonNode verify(String query) {
        RawSignedRequests.Response response = http.get(AUDITOR, "/ledger/audit/verify" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private long seqOf(String eventType, String handshakeId) {
        return organizationExport().stream()
                .filter(r -> eventType.equals(text(r, "eventType")) && handshakeId.equals(text(r, "handshakeId")))
                .findFirst().orElseThrow().get("seq").asLong();
    }

    /** Gives the record at {@code seq} the content the record at {@code from} had when saved. */
    private void restore(long seq, long from) {
        jdbc.update("update audit_record set (" + CHAIN_COLUMNS + ") = (select " + CHAIN_COLUMNS
                + " from audit_record_saved where seq = ?) where seq = ?", from, seq);
    }

    private void assertCompleteRecord(JsonNode record) {
        assertThat(fieldNames(record)).containsExactlyElementsOf(RECORD_FIELDS);
        assertThat(text(record, "hash")).matches("[0-9a-f]{64}");
        assertThat(text(record, "prevHash")).matches("[0-9a-f]{64}");
        Instant eventTime = Instant.parse(text(record, "eventTime"));
        Call call = callsByRequestId.get(text(record, "requestId"));
        if (call != null) {
            Instant requestTime = Instant.parse(text(record, "requestTime"));
            assertThat(requestTime).isBetween(call.before(), call.after());
            assertThat(eventTime).isAfterOrEqualTo(requestTime);
            assertThat(text(record, "requestParameters")).isNotBlank();
            assertThat(record.get("parties").asText()).contains("," + call.account() + ",");
        } else {
            assertThat(text(record, "actorType")).isEqualTo("LEDGER");
            assertThat(record.get("requestTime").isNull()).isTrue();
        }
        if (text(record, "errorCode") != null) {
            assertThat(text(record, "errorMessage")).isNotBlank();
        }
    }

    private static JsonNode responseElements(JsonNode record) {
        if (text(record, "errorCode") == null && text(record, "state") != null) {
            String parties = text(record, "organizationId") == null ? ""
                    : ",\"parties\":[{\"id\":\"" + text(record, "organizationId") + "\",\"type\":\"ORGANIZATION\"}]";
            return RawSignedRequests.readJson("{\"handshake\":{\"id\":\"" + text(record, "handshakeId")
                    + "\",\"state\":\"" + text(record, "state") + "\"" + parties + "}}");
        }
        if ("OrganizationCreatedEvent".equals(text(record, "eventType"))) {
            return RawSignedRequests.readJson("{\"organization\":{\"id\":\"" + text(record, "organizationId") + "\"}}");
        }
        return RawSignedRequests.JSON.nullNode();
    }

    private static JsonNode lowerCamel(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> renamed = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> renamed.put(Character.toLowerCase(field.getKey().charAt(0))
                    + field.getKey().substring(1), lowerCamel(field.getValue())));
            return RawSignedRequests.JSON.valueToTree(renamed);
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(lowerCamel(item)));
            return RawSignedRequests.JSON.valueToTree(items);
        }
        return node;
    }

    private static List<Row> rows(List<JsonNode> records) {
        return records.stream().map(Row::of).toList();
    }

    private static List<JsonNode> elements(JsonNode array) {
        assertThat(array.isArray()).as("%s", array).isTrue();
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
