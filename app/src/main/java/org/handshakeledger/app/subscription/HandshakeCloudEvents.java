package org.handshakeledger.app.subscription;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import org.handshakeledger.app.awsjson.AwsJson;
import org.handshakeledger.app.awsjson.wire.HandshakeShape;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeDeclinedEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.handshakeledger.projections.audit.AuditMetadata;
import org.springframework.stereotype.Component;

/**
 * The one mapping of a handshake's stored events to CloudEvents 1.0 (structured JSON), shared by the SSE stream and
 * the Kafka publisher. Only the nine handshake events are published; organization and membership events are not
 * (they are no handshake's state change; the audit trail has them).
 */
@Component
public class HandshakeCloudEvents {
    public static final String TYPE_PREFIX = "org.handshakeledger.handshake.";
    public static final String SOURCE_PREFIX = "/handshake-ledger/organizations/";
    /** The CloudEvents sequence extension: the event's global index in the event store, as a string. */
    public static final String SEQUENCE = "sequence";
    /** The content type of a CloudEvent in structured JSON mode. */
    public static final String STRUCTURED_CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private static final Map<Class<?>, String> TYPES = Map.of(
            AccountInvitedEvent.class, "invited",
            AllFeaturesRequestedEvent.class, "all-features-requested",
            AllFeaturesApprovalRequestedEvent.class, "approval-requested",
            HandshakeOpenedEvent.class, "opened",
            HandshakeAcceptedEvent.class, "accepted",
            HandshakeDeclinedEvent.class, "declined",
            HandshakeCanceledEvent.class, "canceled",
            HandshakeExpiredEvent.class, "expired",
            HandshakeDeletedEvent.class, "deleted");

    private static final Set<String> PAYLOAD_TYPES = TYPES.keySet().stream().map(Class::getName)
            .collect(Collectors.toUnmodifiableSet());

    private final AwsJson awsJson;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    public HandshakeCloudEvents(AwsJson awsJson) {
        this.awsJson = awsJson;
    }

    /** Whether the payload is one of the published handshake events. */
    public static boolean isPublished(Class<?> payloadType) {
        return TYPES.containsKey(payloadType);
    }

    /** The fully qualified payload class names of the published events. */
    public static Set<String> publishedPayloadTypes() {
        return PAYLOAD_TYPES;
    }

    /** {@code org.handshakeledger.handshake.<name>} of a published payload. */
    public static String typeOf(Class<?> payloadType) {
        String name = TYPES.get(payloadType);
        if (name == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is not published");
        }
        return TYPE_PREFIX + name;
    }

    /** All CloudEvent types, for validating the {@code type} filter. */
    public static Set<String> types() {
        Set<String> all = new TreeSet<>();
        TYPES.values().forEach(name -> all.add(TYPE_PREFIX + name));
        return all;
    }

    public CloudEvent toCloudEvent(LedgerEvent event) {
        ObjectNode data = json.createObjectNode();
        data.set("handshake", handshake(event));
        data.set("actor", json.valueToTree(actor(event.metadata())));
        try {
            return CloudEventBuilder.v1()
                    .withId(event.eventId())
                    .withSource(URI.create(SOURCE_PREFIX + event.handshake().organizationId()))
                    .withType(typeOf(event.payload().getClass()))
                    .withSubject(event.handshakeId())
                    .withTime(event.time().atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withData(json.writeValueAsBytes(data))
                    .withExtension(SEQUENCE, Long.toString(event.globalIndex()))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the data of event " + event.eventId(), e);
        }
    }

    /** The structured-mode JSON of the event ({@code application/cloudevents+json}). */
    public byte[] serialize(CloudEvent event) {
        return format.serialize(event);
    }

    private JsonNode handshake(LedgerEvent event) {
        // the AWS JSON adapter's own rendering: the same member names and epoch-second timestamps
        byte[] aws = awsJson.write(HandshakeShape.of(event.handshake().viewAt(event.time())));
        try {
            return json.readTree(aws);
        } catch (IOException e) {
            throw new IllegalStateException("AWS JSON is JSON", e);
        }
    }

    private static Map<String, Object> actor(Map<String, ?> metadata) {
        Map<String, Object> actor = new LinkedHashMap<>();
        Object type = metadata.get(AuditMetadata.ACTOR_TYPE);
        boolean byLedger = AuditMetadata.LEDGER.equals(type);
        actor.put("type", type == null ? null : type.toString());
        for (String key : new String[] {AuditMetadata.ACCOUNT_ID, AuditMetadata.ACCESS_KEY_ID,
                AuditMetadata.SOURCE_IP, AuditMetadata.USER_AGENT, AuditMetadata.REQUEST_ID}) {
            Object value = byLedger ? null : metadata.get(key);
            actor.put(key, value == null ? null : value.toString());
        }
        return actor;
    }
}
