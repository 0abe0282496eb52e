package org.handshakeledger.projections.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.handshakeledger.projections.NewUntilStored;

/**
 * Who a handshake concerns, kept by the audit trail for as long as the trail (the AWS-facing view forgets a
 * handshake 30 days after it settled; the audit trail never does).
 */
@Entity
@Table(name = "audit_handshake")
public class AuditedHandshakeEntity extends NewUntilStored<String> {
    @Id
    private String id;
    private String organizationId;
    private String parties;

    protected AuditedHandshakeEntity() {
    }

    AuditedHandshakeEntity(String id, String organizationId, String parties) {
        this.id = id;
        this.organizationId = organizationId;
        this.parties = parties;
        markNew();
    }

    @Override
    public String getId() {
        return id;
    }


    String getOrganizationId() {
        return organizationId;
    }

    String getParties() {
        return parties;
    }
}
