package org.handshakeledger.app.importer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.handshakeledger.app.auditor.JsonMemberNames;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeArn;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.audit.CloudTrailCallImportedEvent;
import org.handshakeledger.projections.audit.AuditMetadata;

/**
 * What one CloudTrail record is to the ledger: a handshake call of {@code organizations.amazonaws.com} to import
 * (Invite, Accept, Decline, Cancel, EnableAllFeatures, failed or not, and the expiry and deletion that the ledger's
 * own export shows as service events), a record of anything else to skip, or a record that is not CloudTrail's shape.
 */
final class CloudTrailRecords {
    static final String ORGANIZATIONS = "organizations.amazonaws.com";
    static final Set<String> HANDSHAKE_CALLS = Set.of("InviteAccountToOrganization", "AcceptHandshake",
            "DeclineHandshake", "CancelHandshake", "EnableAllFeatures", "ExpireHandshake", "DeleteHandshake");

    // the widths of the audit trail's columns (db/migration, V4__audit.sql)
    private static final int SOURCE_IP = 64;
    private static final int REQUEST_ID = 64;
    private static final int ERROR_CODE = 128;

    private CloudTrailRecords() {
    }

    /** What a record is: {@link Call}, {@link Skipped} or {@link Invalid}. */
    sealed interface Translation permits Call, Skipped, Invalid {
    }

    /** A handshake call to import. */
    record Call(ImportedCall call) implements Translation {
    }

    /** A record of another service or operation. */
    record Skipped() implements Translation {
    }

    /** Not a CloudTrail record: {@code reason} says what is missing. */
    record Invalid(String reason) implements Translation {
    }

    /** What {@code record}, read from the file {@code origin} (relative to the imported path), is. */
    static Translation translate(JsonNode record, String origin) {
        if (!record.isObject()) {
            return new Invalid("not a JSON object");
        }
        String eventId = text(record, "eventID");
        String eventName = text(record, "eventName");
        String eventTime = text(record, "eventTime");
        if (eventId == null || eventName == null || eventTime == null) {
            return new Invalid("no eventID, eventName or eventTime");
        }
        Instant time;
        try {
            time = Instant.parse(eventTime);
        } catch (DateTimeParseException e) {
            return new Invalid("eventTime " + eventTime + " is not an ISO-8601 instant");
        }
        if (!ORGANIZATIONS.equals(text(record, "eventSource")) || !HANDSHAKE_CALLS.contains(eventName)) {
            return new Skipped();
        }
        JsonNode parameters = record.path("requestParameters");
        JsonNode handshake = record.path("responseElements").path("handshake");
        String errorCode = cut(text(record, "errorCode"), ERROR_CODE);
        CloudTrailCallImportedEvent event = new CloudTrailCallImportedEvent(eventId, eventName, time,
                handshakeId(handshake, parameters), organizationId(handshake), parties(handshake, parameters),
                errorCode == null ? text(handshake, "state") : null, errorCode, text(record, "errorMessage"),
                origin, compact(record));
        return new Call(new ImportedCall(event, metadata(record, eventName, time, parameters)));
    }

    private static Map<String, String> metadata(JsonNode record, String eventName, Instant time,
                                                JsonNode parameters) {
        JsonNode identity = record.path("userIdentity");
        String accountId = text(identity, "accountId");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(AuditMetadata.ACTOR_TYPE, AuditMetadata.CLOUDTRAIL);
        putIfPresent(metadata, AuditMetadata.ACCOUNT_ID, AccountId.isValid(accountId) ? accountId : null);
        putIfPresent(metadata, AuditMetadata.ACCESS_KEY_ID, text(identity, "accessKeyId"));
        putIfPresent(metadata, AuditMetadata.SOURCE_IP, cut(text(record, "sourceIPAddress"), SOURCE_IP));
        putIfPresent(metadata, AuditMetadata.USER_AGENT, text(record, "userAgent"));
        putIfPresent(metadata, AuditMetadata.REQUEST_ID, cut(text(record, "requestID"), REQUEST_ID));
        metadata.put(AuditMetadata.REQUEST_TIME, time.toString());
        metadata.put(AuditMetadata.OPERATION, eventName);
        putIfPresent(metadata, AuditMetadata.REQUEST_PARAMETERS,
                parameters.isObject() ? compact(JsonMemberNames.upperCamel(parameters)) : null);
        return metadata;
    }

    private static String handshakeId(JsonNode handshake, JsonNode parameters) {
        String id = text(handshake, "id");
        if (!HandshakeId.isValid(id)) {
            id = text(parameters, "handshakeId");
        }
        return HandshakeId.isValid(id) ? id : null;
    }

    /** From the handshake's ARN ({@link HandshakeArn}), or its parties. */
    private static String organizationId(JsonNode handshake) {
        String fromArn = HandshakeArn.organizationId(text(handshake, "arn"));
        if (OrganizationId.isValid(fromArn)) {
            return fromArn;
        }
        for (JsonNode party : handshake.path("parties")) {
            if ("ORGANIZATION".equals(text(party, "type")) && OrganizationId.isValid(text(party, "id"))) {
                return text(party, "id");
            }
        }
        return null;
    }

    /** The accounts and email addresses the call concerns: the invited target, and the handshake's parties. */
    private static List<String> parties(JsonNode handshake, JsonNode parameters) {
        Set<String> parties = new LinkedHashSet<>();
        addParty(parties, parameters.path("target"));
        for (JsonNode party : handshake.path("parties")) {
            addParty(parties, party);
        }
        return new ArrayList<>(parties);
    }

    private static void addParty(Set<String> parties, JsonNode party) {
        String id = text(party, "id");
        String type = text(party, "type");
        if (id != null && ("ACCOUNT".equals(type) && AccountId.isValid(id) || "EMAIL".equals(type))) {
            // as the ledger keeps an invited email address (AuditSubjects): in lower case
            parties.add(id.toLowerCase(Locale.ROOT));
        }
    }

    private static String compact(JsonNode node) {
        try {
            return CloudTrailFiles.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed record cannot be written again", e);
        }
    }

    private static void putIfPresent(Map<String, String> metadata, String key, String value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
