package org.handshakeledger.projections.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * Who a handshake concerns, kept by the audit trail for as long as the trail (the AWS-facing view forgets a
 * handshake 30 days after it settled; the audit trail never does).
 */
@Entity
@Table(name = "audit_handshake")
public class AuditedHandshakeEntity implements Persistable<String> {
    @Id
    private String id;
    private String organizationId;
    private String parties;
    /** Created by the trail and not yet stored: saving it inserts without looking it up first. */
    @Transient
    private boolean fresh;

    protected AuditedHandshakeEntity() {
    }

    AuditedHandshakeEntity(String id, String organizationId, String parties) {
        this.id = id;
        this.organizationId = organizationId;
        this.parties = parties;
        this.fresh = true;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PrePersist
    @PostLoad
    void stored() {
        fresh = false;
    }

    String getOrganizationId() {
        return organizationId;
    }

    String getParties() {
        return parties;
    }
}
