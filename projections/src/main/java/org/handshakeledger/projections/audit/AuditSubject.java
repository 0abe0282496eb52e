package org.handshakeledger.projections.audit;

import java.util.Set;

/** Who and what one event concerns; null fields are unknown or not applicable. */
record AuditSubject(String organizationId, String handshakeId, Set<String> parties, String state) {
}
