package org.handshakeledger.app.importer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.handshakeledger.domain.audit.CloudTrailCallImportedEvent;

/**
 * One handshake call of a CloudTrail log, ready to be stored: the event and the audit metadata of its caller
 * ({@link org.handshakeledger.projections.audit.AuditMetadata}). It is stored under an identifier derived from
 * CloudTrail's {@code eventID}, so that the store holds each logged call once, and at the time of the call.
 */
record ImportedCall(CloudTrailCallImportedEvent event, Map<String, String> metadata) {

    /** The event store's identifier of this call: the name-based UUID of {@code "cloudtrail:<eventID>"}. */
    String identifier() {
        return UUID.nameUUIDFromBytes(("cloudtrail:" + event.eventId()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    EventMessage<CloudTrailCallImportedEvent> message() {
        return new GenericEventMessage<>(identifier(), event, metadata, event.eventTime());
    }
}
