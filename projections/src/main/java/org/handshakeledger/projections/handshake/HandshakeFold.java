package org.handshakeledger.projections.handshake;

import java.time.Instant;

import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesApprovalRequestedEvent;
import org.handshakeledger.domain.handshake.AllFeaturesRequestedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeCanceledEvent;
import org.handshakeledger.domain.handshake.HandshakeDeclinedEvent;
import org.handshakeledger.domain.handshake.HandshakeExpiredEvent;
import org.handshakeledger.domain.handshake.HandshakeOpenedEvent;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.OrganizationProfile;

/**
 * A handshake rebuilt in memory from its own events, oldest first, the way {@link HandshakeViewProjection} builds
 * its row: it describes the handshake as the AWS API did at any moment of its history, also long after the
 * AWS-facing view deleted it. A {@code HandshakeDeletedEvent} changes nothing: the handshake is described as it
 * was when it was deleted.
 */
public final class HandshakeFold {
    private HandshakeViewEntity row;

    /** Applies the next event of the handshake (others are ignored). */
    public void apply(Object payload, long sequence) {
        if (payload instanceof AccountInvitedEvent e) {
            create(e.handshakeId().value(), HandshakeAction.INVITE, sequence, e.organization());
            row.target(e.target().id(), e.target().type(),
                    e.recipientAccountId() == null ? null : e.recipientAccountId().value());
            row.notes(e.notes());
            row.lifetime(HandshakeState.OPEN, e.requestedAt(), e.expiresAt(), e.retention().toSeconds());
        } else if (payload instanceof AllFeaturesRequestedEvent e) {
            create(e.handshakeId().value(), HandshakeAction.ENABLE_ALL_FEATURES, sequence, e.organization());
            row.lifetime(e.initialState(), e.requestedAt(), e.expiresAt(), e.retention().toSeconds());
        } else if (payload instanceof AllFeaturesApprovalRequestedEvent e) {
            create(e.handshakeId().value(), HandshakeAction.APPROVE_ALL_FEATURES, sequence, e.organization());
            row.target(e.member().value(), PartyType.ACCOUNT, e.member().value());
            row.parentId(e.parentId().value());
            row.lifetime(HandshakeState.OPEN, e.requestedAt(), e.expiresAt(), e.retention().toSeconds());
        } else if (row == null) {
            return;
        } else if (payload instanceof HandshakeOpenedEvent e) {
            row.changeState(HandshakeState.OPEN, e.openedAt(), sequence);
        } else if (payload instanceof HandshakeAcceptedEvent e) {
            row.changeState(HandshakeState.ACCEPTED, e.acceptedAt(), sequence);
        } else if (payload instanceof HandshakeDeclinedEvent e) {
            row.changeState(HandshakeState.DECLINED, e.declinedAt(), sequence);
        } else if (payload instanceof HandshakeCanceledEvent e) {
            row.changeState(HandshakeState.CANCELED, e.canceledAt(), sequence);
        } else if (payload instanceof HandshakeExpiredEvent e) {
            row.changeState(HandshakeState.EXPIRED, e.expiredAt(), sequence);
        }
    }

    public boolean isKnown() {
        return row != null;
    }

    /** The handshake as DescribeHandshake showed it at {@code at}. */
    public HandshakeView viewAt(Instant at) {
        if (row == null) {
            throw new IllegalStateException("No creating event of the handshake was applied");
        }
        return HandshakeView.from(row, at);
    }

    /** The management account of the originating organization. */
    public String managementAccountId() {
        return row == null ? null : row.getManagementAccountId();
    }

    public String organizationId() {
        return row == null ? null : row.getOrganizationId();
    }

    public String recipientAccountId() {
        return row == null ? null : row.getRecipientAccountId();
    }

    /** The recipient's email (lower case) for an invitation by email, else null. */
    public String recipientEmail() {
        return row == null ? null : row.getRecipientEmail();
    }

    private void create(String id, HandshakeAction action, long sequence, OrganizationProfile org) {
        row = new HandshakeViewEntity(id, action, sequence);
        row.organization(org.id().value(), org.managementAccountId().value(), org.managementEmail(),
                org.managementName(), org.featureSet().name());
    }
}
