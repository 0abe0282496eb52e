package org.handshakeledger.projections.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.handshakeledger.domain.audit.CloudTrailCallImportedEvent;
import org.handshakeledger.domain.audit.RequestRefusedEvent;
import org.handshakeledger.domain.handshake.HandshakeDeletedEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeChangedEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeFirstSeenEvent;
import org.handshakeledger.domain.mirror.MirroredHandshakeVanishedEvent;
import org.handshakeledger.projections.TypedIdsModule;

/**
 * Turns one event into the content of its audit record: what it concerns ({@link AuditSubjects}), who caused it and
 * through which request (its metadata, see {@link AuditMetadata}), and the event itself as JSON details. The hashes
 * that chain the record are left for {@link AuditChainHead#append} to fill in.
 */
final class AuditRecordFactory {
    private final AuditSubjects subjects;
    private final ObjectMapper details = detailsMapper();

    AuditRecordFactory(AuditSubjects subjects) {
        this.subjects = subjects;
    }

    /** The record of the event at {@code seq} in the chain; empty for an event that is no record of its own. */
    Optional<AuditRecord> recordOf(Object payload, EventMessage<?> event, long seq, long globalIndex) {
        MetaData metadata = event.getMetaData();
        String actor = text(metadata, AuditMetadata.ACCOUNT_ID);
        return subjects.subjectOf(payload, actor)
                .map(subject -> record(payload, event, subject, seq, globalIndex));
    }

    private AuditRecord record(Object payload, EventMessage<?> event, AuditSubject subject, long seq,
                               long globalIndex) {
        MetaData metadata = event.getMetaData();
        String actorType = text(metadata, AuditMetadata.ACTOR_TYPE);
        String actor = text(metadata, AuditMetadata.ACCOUNT_ID);
        boolean byLedger = AuditMetadata.LEDGER.equals(actorType);
        // what the ledger does by itself answers no request, whatever metadata it carried along
        Function<String, String> request = key -> byLedger ? null : text(metadata, key);
        Set<String> parties = new LinkedHashSet<>(subject.parties());
        if (actor != null && !byLedger) {
            parties.add(actor);
        }
        String requestTime = request.apply(AuditMetadata.REQUEST_TIME);
        Failure failure = Failure.of(payload);
        return new AuditRecord(seq, globalIndex,
                event.getTimestamp().truncatedTo(ChronoUnit.MILLIS), payload.getClass().getSimpleName(),
                eventName(metadata, payload), byLedger ? AuditMetadata.LEDGER : actorType,
                request.apply(AuditMetadata.ACCOUNT_ID),
                request.apply(AuditMetadata.ACCESS_KEY_ID),
                request.apply(AuditMetadata.SOURCE_IP),
                request.apply(AuditMetadata.USER_AGENT),
                request.apply(AuditMetadata.REQUEST_ID),
                requestTime == null ? null : Instant.parse(requestTime),
                subject.organizationId(), subject.handshakeId(), AuditParties.joined(parties), subject.state(),
                failure.errorCode(), failure.errorMessage(),
                request.apply(AuditMetadata.REQUEST_PARAMETERS), detailsOf(payload), null, null);
    }

    /** The error of a call that changed nothing: a refusal, or a failed call imported from CloudTrail. */
    private record Failure(String errorCode, String errorMessage) {
        static Failure of(Object payload) {
            if (payload instanceof RequestRefusedEvent refused) {
                return new Failure(refused.errorCode(), refused.errorMessage());
            }
            if (payload instanceof CloudTrailCallImportedEvent imported) {
                return new Failure(imported.errorCode(), imported.errorMessage());
            }
            return new Failure(null, null);
        }
    }

    private static String eventName(MetaData metadata, Object payload) {
        String operation = text(metadata, AuditMetadata.OPERATION);
        if (AuditMetadata.LEDGER.equals(text(metadata, AuditMetadata.ACTOR_TYPE))) {
            return payload instanceof HandshakeDeletedEvent ? "DeleteHandshake" : "ExpireHandshake";
        }
        // what the mirror saw is named after the sighting: no call of anyone's caused it
        if (payload instanceof MirroredHandshakeFirstSeenEvent) {
            return "HandshakeFirstSeen";
        }
        if (payload instanceof MirroredHandshakeChangedEvent) {
            return "HandshakeChanged";
        }
        if (payload instanceof MirroredHandshakeVanishedEvent) {
            return "HandshakeVanished";
        }
        return operation != null ? operation : payload.getClass().getSimpleName();
    }

    private String detailsOf(Object payload) {
        try {
            return details.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot describe " + payload.getClass().getSimpleName(), e);
        }
    }

    private static String text(MetaData metadata, String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

    private static ObjectMapper detailsMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new TypedIdsModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }
}
