package org.handshakeledger.projections.audit;

import java.time.Instant;

/**
 * One audit record as exported and verified. {@code parties} lists, between commas, every account id and email the
 * record concerns (actor, originator, recipient). {@code eventName} is the AWS operation that caused the change, or
 * the deadline for what the ledger did by itself. See {@link AuditChain} for the canonical form that is hashed.
 */
public record AuditRecord(long seq, long globalIndex, Instant eventTime, String eventType, String eventName,
                          String actorType, String actorAccountId, String accessKeyId, String sourceIp,
                          String userAgent, String requestId, Instant requestTime, String organizationId,
                          String handshakeId, String parties, String state, String errorCode, String errorMessage,
                          String requestParameters, String details, String prevHash, String hash) {

    public AuditRecord withChain(String newPrevHash, String newHash) {
        return new AuditRecord(seq, globalIndex, eventTime, eventType, eventName, actorType, actorAccountId,
                accessKeyId, sourceIp, userAgent, requestId, requestTime, organizationId, handshakeId, parties, state,
                errorCode, errorMessage, requestParameters, details, newPrevHash, newHash);
    }
}
