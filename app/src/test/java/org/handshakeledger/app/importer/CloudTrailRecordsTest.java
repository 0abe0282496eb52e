package org.handshakeledger.app.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.handshakeledger.app.auditor.JsonMemberNames;
import org.handshakeledger.domain.audit.CloudTrailCallImportedEvent;
import org.handshakeledger.projections.audit.AuditMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CloudTrailRecordsTest {
    private static final String ORIGIN = "AWSLogs/111111111111/CloudTrail/us-east-1/2024/03/04/log.json.gz";
    private static final String HANDSHAKE = "h-examplehandshake0001";
    private static final String ORGANIZATION = "o-exampleorgid";

    private static List<JsonNode> fixture;

    @BeforeAll
    static void readFixture() throws IOException {
        try (InputStream in = CloudTrailRecordsTest.class.getResourceAsStream(
                "/cloudtrail/organizations-handshakes.json")) {
            fixture = toList(CloudTrailFiles.JSON.readTree(in).get("Records"));
        }
    }

    @Nested
    class AHandshakeCall {
        @Test
        void becomesAnEventWithTheCallerAsAuditMetadata() {
            ImportedCall call = imported(fixture.get(0));

            CloudTrailCallImportedEvent event = call.event();
            assertThat(event.eventId()).isEqualTo("5b2e1f0c-3d4a-4e8b-9c7d-6a1f2e3b4c01");
            assertThat(event.eventName()).isEqualTo("InviteAccountToOrganization");
            assertThat(event.eventTime()).isEqualTo(Instant.parse("2024-03-04T09:15:21Z"));
            assertThat(event.handshakeId()).isEqualTo(HANDSHAKE);
            assertThat(event.organizationId()).isEqualTo(ORGANIZATION);
            assertThat(event.parties()).containsExactly("222222222222");
            assertThat(event.state()).isEqualTo("OPEN");
            assertThat(event.errorCode()).isNull();
            assertThat(event.origin()).isEqualTo(ORIGIN);
            assertThat(json(event.record())).isEqualTo(fixture.get(0));
            assertThat(call.metadata()).containsEntry(AuditMetadata.ACTOR_TYPE, AuditMetadata.CLOUDTRAIL)
                    .containsEntry(AuditMetadata.ACCOUNT_ID, "111111111111")
                    .containsEntry(AuditMetadata.ACCESS_KEY_ID, "AKIAEXAMPLEDIEGO0001")
                    .containsEntry(AuditMetadata.SOURCE_IP, "192.0.2.10")
                    .containsEntry(AuditMetadata.REQUEST_ID, "8a3c3f2e-6b1d-4c9e-9f1a-0e5c2b7d4a11")
                    .containsEntry(AuditMetadata.REQUEST_TIME, "2024-03-04T09:15:21Z")
                    .containsEntry(AuditMetadata.OPERATION, "InviteAccountToOrganization")
                    .containsEntry(AuditMetadata.REQUEST_PARAMETERS, "{\"Target\":{\"Type\":\"ACCOUNT\","
                            + "\"Id\":\"222222222222\"},\"Notes\":\"Welcome to the example organization\"}");
            assertThat(call.metadata().get(AuditMetadata.USER_AGENT)).startsWith("aws-cli/2.15.10");
        }

        @Test
        void ofAnAssumedRoleNamesItsAccountAndTemporaryKey() {
            ImportedCall call = imported(fixture.get(2));

            assertThat(call.event().state()).isEqualTo("ACCEPTED");
            assertThat(call.metadata()).containsEntry(AuditMetadata.ACCOUNT_ID, "222222222222")
                    .containsEntry(AuditMetadata.ACCESS_KEY_ID, "ASIAEXAMPLEALICE0002")
                    .containsEntry(AuditMetadata.REQUEST_PARAMETERS, "{\"HandshakeId\":\"" + HANDSHAKE + "\"}");
        }

        @Test
        void isStoredUnderAnIdentifierOfItsEventIdAndAtItsTime() {
            ImportedCall once = imported(fixture.get(0));
            ImportedCall again = imported(fixture.get(0));

            assertThat(once.identifier()).isEqualTo(again.identifier()).isNotEqualTo(imported(fixture.get(2))
                    .identifier());
            assertThat(once.message().getIdentifier()).isEqualTo(once.identifier());
            assertThat(once.message().getTimestamp()).isEqualTo(Instant.parse("2024-03-04T09:15:21Z"));
            assertThat(once.message().getMetaData()).containsAllEntriesOf(once.metadata());
        }
    }

    @Nested
    class AFailedCall {
        @Test
        void keepsItsErrorAndNamesTheHandshakeItAskedFor() {
            CloudTrailCallImportedEvent event = imported(fixture.get(3)).event();

            assertThat(event.errorCode()).isEqualTo("HandshakeNotFoundException");
            assertThat(event.errorMessage()).startsWith("We can't find a handshake");
            assertThat(event.handshakeId()).isEqualTo(HANDSHAKE);
            assertThat(event.organizationId()).isNull();
            assertThat(event.state()).isNull();
            assertThat(event.parties()).isEmpty();
        }
    }

    @Nested
    class OtherRecords {
        @Test
        void ofAnotherOperationAreSkipped() {
            assertThat(CloudTrailRecords.translate(fixture.get(1), ORIGIN))
                    .isInstanceOf(CloudTrailRecords.Skipped.class);
        }

        @Test
        void ofAnotherServiceAreSkipped() {
            JsonNode record = json("{\"eventVersion\":\"1.08\",\"eventID\":\"e-1\",\"eventTime\":\"2024-03-04T09:15:21Z\","
                    + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"AcceptHandshake\"}");

            assertThat(CloudTrailRecords.translate(record, ORIGIN)).isInstanceOf(CloudTrailRecords.Skipped.class);
        }

        @Test
        void withoutEventIdOrWithABadTimeAreInvalid() {
            JsonNode noId = json("{\"eventTime\":\"2024-03-04T09:15:21Z\",\"eventName\":\"AcceptHandshake\"}");
            JsonNode badTime = json("{\"eventID\":\"e-1\",\"eventTime\":\"yesterday\",\"eventName\":\"AcceptHandshake\"}");

            assertThat(CloudTrailRecords.translate(noId, ORIGIN)).isInstanceOf(CloudTrailRecords.Invalid.class);
            assertThat(CloudTrailRecords.translate(badTime, ORIGIN)).isEqualTo(new CloudTrailRecords.Invalid(
                    "eventTime yesterday is not an ISO-8601 instant"));
        }

        @Test
        void thatNameNoValidIdsConcernNoHandshakeOrOrganization() {
            JsonNode record = json("{\"eventID\":\"e-1\",\"eventTime\":\"2024-03-04T09:15:21Z\","
                    + "\"eventSource\":\"organizations.amazonaws.com\",\"eventName\":\"DeclineHandshake\","
                    + "\"userIdentity\":{\"type\":\"Root\",\"accountId\":\"not-an-account\"},"
                    + "\"requestParameters\":{\"handshakeId\":\"h-X\"},"
                    + "\"responseElements\":{\"handshake\":{\"arn\":\"arn:aws:organizations::1:handshake/o-X/invite/h-X\"}}}");

            ImportedCall call = imported(record);

            assertThat(call.event().handshakeId()).isNull();
            assertThat(call.event().organizationId()).isNull();
            assertThat(call.metadata()).doesNotContainKey(AuditMetadata.ACCOUNT_ID);
        }
    }

    @Test
    void upperCamelNamesTheParametersAsTheWireDoes() {
        assertThat(JsonMemberNames.upperCamel(json("{\"target\":{\"id\":\"a@example.com\",\"type\":\"EMAIL\"},"
                + "\"items\":[{\"key\":1}],\"\":2}")))
                .isEqualTo(json("{\"Target\":{\"Id\":\"a@example.com\",\"Type\":\"EMAIL\"},\"Items\":[{\"Key\":1}],"
                        + "\"\":2}"));
    }

    private static ImportedCall imported(JsonNode record) {
        CloudTrailRecords.Translation translation = CloudTrailRecords.translate(record, ORIGIN);
        assertThat(translation).isInstanceOf(CloudTrailRecords.Call.class);
        return ((CloudTrailRecords.Call) translation).call();
    }

    private static JsonNode json(String text) {
        try {
            return CloudTrailFiles.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
