package org.handshakeledger.projections.handshake;

import java.time.Instant;

/**
 * The handshakes the caller received. A management account does not see invitations (spec §5.6: it must delete
 * its organization before it could accept one).
 */
public record ListHandshakesForAccountQuery(String callerAccountId, String callerEmail, boolean callerIsManagement,
                                            HandshakeFilter filter, PageRequest page, Instant now) {
}
