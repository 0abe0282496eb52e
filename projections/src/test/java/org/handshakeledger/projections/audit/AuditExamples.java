package org.handshakeledger.projections.audit;

import java.time.Instant;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;

/** The organizations, accounts and times the audit trail tests share. */
final class AuditExamples {
    static final Instant T0 = Instant.parse("2025-06-01T09:00:00.123Z");
    static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    static final OrganizationId STRANGERS_ORG = new OrganizationId("o-f6g7h8i9j0");
    static final AccountId MANAGEMENT = new AccountId("111111111111");
    static final AccountId RECIPIENT = new AccountId("222222222222");
    static final AccountId STRANGER = new AccountId("333333333333");
    static final HandshakeId INVITE = new HandshakeId("h-0123456789abcdef0123456789abcdef");

    private AuditExamples() {
    }
}
