package org.handshakeledger.projections.organization;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An organization as DescribeOrganization shows it. Deleted organizations keep their row, marked deleted. */
@Entity
@Table(name = "organization_view")
public class OrganizationViewEntity {
    @Id
    private String id;
    private String managementAccountId;
    private String managementEmail;
    private String managementName;
    private String featureSet;
    private Instant createdAt;
    private boolean deleted;

    protected OrganizationViewEntity() {
    }

    OrganizationViewEntity(String id, String managementAccountId, String managementEmail, String managementName,
                           String featureSet, Instant createdAt) {
        this.id = id;
        this.managementAccountId = managementAccountId;
        this.managementEmail = managementEmail;
        this.managementName = managementName;
        this.featureSet = featureSet;
        this.createdAt = createdAt;
    }

    void featureSet(String featureSet) {
        this.featureSet = featureSet;
    }

    void markDeleted() {
        this.deleted = true;
    }

    public String getId() {
        return id;
    }

    public String getManagementAccountId() {
        return managementAccountId;
    }

    public String getManagementEmail() {
        return managementEmail;
    }

    public String getManagementName() {
        return managementName;
    }

    public String getFeatureSet() {
        return featureSet;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isDeleted() {
        return deleted;
    }
}
