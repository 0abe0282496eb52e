package org.handshakeledger.projections.handshake;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.projections.NewUntilStored;

/** One handshake as the AWS API describes it, flattened into columns that the list queries filter on. */
@Entity
@Table(name = "handshake_view")
public class HandshakeViewEntity extends NewUntilStored<String> {
    @Id
    private String id;
    @Enumerated(EnumType.STRING)
    private HandshakeAction action;
    @Enumerated(EnumType.STRING)
    private HandshakeState state;
    private String organizationId;
    private String managementAccountId;
    private String managementEmail;
    private String managementName;
    private String featureSet;
    private String parentId;
    private String targetId;
    @Enumerated(EnumType.STRING)
    private PartyType targetType;
    /** The account that may answer, when known (account targets, emails of known accounts, approvals). */
    private String recipientAccountId;
    /** Lower-cased, for EMAIL targets only. */
    private String recipientEmail;
    @Column(length = 1024)
    private String notes;
    private Instant requestedAt;
    private Instant expiresAt;
    private long retentionSeconds;
    /** When the AWS-facing views stop showing it: 30 days after it settled, or after it expires. */
    private Instant visibleUntil;
    private long lastSequence;

    protected HandshakeViewEntity() {
    }

    HandshakeViewEntity(String id, HandshakeAction action, long sequence) {
        this.id = id;
        this.action = action;
        this.lastSequence = sequence;
        markNew();
    }


    void organization(String organizationId, String managementAccountId, String managementEmail,
                      String managementName, String featureSet) {
        this.organizationId = organizationId;
        this.managementAccountId = managementAccountId;
        this.managementEmail = managementEmail;
        this.managementName = managementName;
        this.featureSet = featureSet;
    }

    void target(String targetId, PartyType targetType, String recipientAccountId) {
        this.targetId = targetId;
        this.targetType = targetType;
        this.recipientAccountId = recipientAccountId;
        this.recipientEmail = targetType == PartyType.EMAIL ? targetId.toLowerCase(Locale.ROOT) : null;
    }

    void lifetime(HandshakeState state, Instant requestedAt, Instant expiresAt, long retentionSeconds) {
        this.state = state;
        this.requestedAt = requestedAt;
        this.expiresAt = expiresAt;
        this.retentionSeconds = retentionSeconds;
        this.visibleUntil = expiresAt.plusSeconds(retentionSeconds);
    }

    void parentId(String parentId) {
        this.parentId = parentId;
    }

    void notes(String notes) {
        this.notes = notes;
    }

    /** Records a state change seen at {@code sequence}; false when the row has already seen it (a replay). */
    boolean changeState(HandshakeState newState, Instant at, long sequence) {
        if (sequence <= lastSequence) {
            return false;
        }
        lastSequence = sequence;
        state = newState;
        if (!newState.isPending()) {
            visibleUntil = at.plusSeconds(retentionSeconds);
        }
        return true;
    }

    public String getId() {
        return id;
    }

    public HandshakeAction getAction() {
        return action;
    }

    public HandshakeState getState() {
        return state;
    }

    public String getOrganizationId() {
        return organizationId;
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

    public String getParentId() {
        return parentId;
    }

    public String getTargetId() {
        return targetId;
    }

    public PartyType getTargetType() {
        return targetType;
    }

    public String getRecipientAccountId() {
        return recipientAccountId;
    }

    public String getRecipientEmail() {
        return recipientEmail;
    }

    public String getNotes() {
        return notes;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getVisibleUntil() {
        return visibleUntil;
    }

    public long getLastSequence() {
        return lastSequence;
    }
}
