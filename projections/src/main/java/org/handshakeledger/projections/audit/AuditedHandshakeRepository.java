package org.handshakeledger.projections.audit;

import org.springframework.data.jpa.repository.JpaRepository;

/** The parties of every handshake the audit trail has seen. */
public interface AuditedHandshakeRepository extends JpaRepository<AuditedHandshakeEntity, String> {
}
