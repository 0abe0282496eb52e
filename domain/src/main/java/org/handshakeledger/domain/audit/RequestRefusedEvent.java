package org.handshakeledger.domain.audit;

import java.time.Instant;

/**
 * A mutating request was refused (denied, invalid, wrong state, over a quota) and changed nothing. Recorded for the
 * audit trail only; no aggregate owns it. {@code handshakeId} and {@code organizationId} are null when the request
 * named none or the caller had none.
 */
public record RequestRefusedEvent(String operation, String errorCode, String errorMessage, String reason,
                                  String handshakeId, String organizationId, String requestParameters,
                                  Instant refusedAt) {
}
