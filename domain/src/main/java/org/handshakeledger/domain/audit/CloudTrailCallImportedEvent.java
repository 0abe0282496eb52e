package org.handshakeledger.domain.audit;

import java.time.Instant;
import java.util.List;

/**
 * A handshake call that AWS CloudTrail logged (or the ledger's own {@code format=cloudtrail} export), imported with
 * {@code --ledger.import.cloudtrail}: who called, when and with what result, as CloudTrail saw it. Recorded for the
 * audit trail only; no aggregate owns it and it changes no handshake. {@code eventId} is CloudTrail's, so that a
 * record is imported once; {@code handshakeId}, {@code organizationId} and {@code state} are null when the record
 * names none; {@code errorCode} and {@code errorMessage} are those of a failed call; {@code origin} is the file it
 * came from, relative to the imported path; {@code record} is the CloudTrail record itself, as JSON.
 */
public record CloudTrailCallImportedEvent(String eventId, String eventName, Instant eventTime, String handshakeId,
                                          String organizationId, List<String> parties, String state,
                                          String errorCode, String errorMessage, String origin, String record) {
    public CloudTrailCallImportedEvent {
        parties = parties == null ? List.of() : List.copyOf(parties);
    }
}
