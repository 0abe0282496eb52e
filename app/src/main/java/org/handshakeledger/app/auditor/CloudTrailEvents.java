package org.handshakeledger.app.auditor;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.handshakeledger.projections.audit.AuditMetadata;
import org.handshakeledger.projections.audit.AuditRecord;

/**
 * An audit record shaped like an AWS CloudTrail management event of {@code organizations.amazonaws.com}. What the
 * ledger did by itself (expiry, deletion) looks like an AWS service event: {@code userIdentity} of type
 * {@code AWSService}, {@code eventType} {@code AwsServiceEvent}, the service as source address and user agent.
 * What the mirror saw upstream ({@code actorType} {@code OBSERVED}) is an {@code AwsServiceEvent} too, of an unknown
 * caller, with the account and key that read it in {@code additionalEventData}.
 * {@code eventID} is stable: the name-based (MD5, version 3) UUID of {@code "<seq>:<hash>"}. A call imported from a
 * CloudTrail log ({@code actorType} {@code CLOUDTRAIL}) is exported as the CloudTrail record it came from, with its
 * {@code eventID}, so that importing an export again adds nothing.
 */
final class CloudTrailEvents {
    static final String EVENT_VERSION = "1.08";
    static final String SERVICE = "organizations.amazonaws.com";
    static final String REGION = "us-east-1";

    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;

    CloudTrailEvents(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param recipientAccountId the management account of the record's organization, or null when unknown (the
     *                           actor is named instead)
     */
    ObjectNode event(AuditRecord record, String recipientAccountId) {
        if (AuditMetadata.CLOUDTRAIL.equals(record.actorType())) {
            return imported(record);
        }
        boolean byLedger = AuditMetadata.LEDGER.equals(record.actorType());
        boolean observed = AuditMetadata.OBSERVED.equals(record.actorType());
        ObjectNode event = NODES.objectNode();
        event.put("eventVersion", EVENT_VERSION);
        event.put("eventID", eventId(record));
        event.put("eventTime", EVENT_TIME.format(record.eventTime()));
        event.put("eventSource", SERVICE);
        event.put("eventName", record.eventName());
        event.put("awsRegion", REGION);
        event.put("sourceIPAddress", byLedger ? SERVICE : record.sourceIp());
        event.put("userAgent", byLedger ? SERVICE : record.userAgent());
        event.set("userIdentity", observed ? NODES.objectNode().put("type", "Unknown")
                : userIdentity(record, byLedger));
        event.set("requestParameters", requestParameters(record.requestParameters()));
        event.set("responseElements", responseElements(record));
        event.put("errorCode", record.errorCode());
        event.put("errorMessage", record.errorMessage());
        event.put("requestID", record.requestId());
        event.put("readOnly", false);
        event.put("eventType", byLedger || observed ? "AwsServiceEvent" : "AwsApiCall");
        event.put("managementEvent", true);
        event.put("recipientAccountId", recipientAccountId != null ? recipientAccountId : record.actorAccountId());
        event.put("eventCategory", "Management");
        if (observed) {
            event.putObject("additionalEventData").put("observedWithAccountId", record.actorAccountId())
                    .put("observedWithAccessKeyId", record.accessKeyId());
        }
        return event;
    }

    /** A call imported from a CloudTrail log is exported as the record it was imported from. */
    private ObjectNode imported(AuditRecord record) {
        try {
            JsonNode original = json.readTree(json.readTree(record.details()).path("record").asText());
            if (original instanceof ObjectNode event) {
                return event;
            }
        } catch (JsonProcessingException e) {
            // falls through: the details of every imported call hold its record, as CloudTrailCallImportedEvent says
        }
        throw new IllegalStateException("Audit record " + record.seq() + " holds no CloudTrail record");
    }

    static String eventId(AuditRecord record) {
        return UUID.nameUUIDFromBytes((record.seq() + ":" + record.hash()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static ObjectNode userIdentity(AuditRecord record, boolean byLedger) {
        ObjectNode identity = NODES.objectNode();
        if (byLedger) {
            identity.put("type", "AWSService");
            identity.put("invokedBy", SERVICE);
        } else if (record.actorAccountId() != null) {
            identity.put("type", "AWSAccount");
            identity.put("accountId", record.actorAccountId());
            identity.put("accessKeyId", record.accessKeyId());
        } else {
            identity.put("type", "Unknown");
        }
        return identity;
    }

    // CloudTrail writes request parameters with lower-camel-case names ("handshakeId"), the wire uses "HandshakeId"
    private JsonNode requestParameters(String parameters) {
        if (parameters == null || parameters.isBlank()) {
            return NODES.nullNode();
        }
        try {
            JsonNode parsed = json.readTree(parameters);
            return parsed != null && parsed.isObject() ? JsonMemberNames.lowerCamel(parsed) : NODES.nullNode();
        } catch (JsonProcessingException e) {
            // a refused request whose body was not JSON: there are no parameters to show
            return NODES.nullNode();
        }
    }

    private static JsonNode responseElements(AuditRecord record) {
        if (record.errorCode() != null) {
            return NODES.nullNode();
        }
        if (record.handshakeId() != null && record.state() != null) {
            ObjectNode response = NODES.objectNode();
            ObjectNode handshake = response.putObject("handshake").put("id", record.handshakeId())
                    .put("state", record.state());
            if (record.organizationId() != null) {
                // as AWS's answers list the handshake's parties, so that an import of this export knows its organization
                handshake.putArray("parties").addObject().put("id", record.organizationId())
                        .put("type", "ORGANIZATION");
            }
            return response;
        }
        if ("OrganizationCreatedEvent".equals(record.eventType()) && record.organizationId() != null) {
            ObjectNode response = NODES.objectNode();
            response.putObject("organization").put("id", record.organizationId());
            return response;
        }
        return NODES.nullNode();
    }
}
