package org.handshakeledger.projections.handshake;

import java.time.Instant;
import java.util.Optional;

/**
 * A handshake rebuilt in memory from its own events, oldest first, with the same row mapping as the stored view
 * ({@link HandshakeRowMapping}): it describes the handshake as the AWS API did at any moment of its history, also
 * long after the AWS-facing view deleted it. A {@code HandshakeDeletedEvent} changes nothing: the handshake is
 * described as it was when it was deleted.
 */
public final class HandshakeFold {
    private HandshakeViewEntity row;

    /** Applies the next event of the handshake (others are ignored). */
    public void apply(Object payload, long sequence) {
        Optional<HandshakeViewEntity> started = HandshakeRowMapping.startedBy(payload, sequence);
        if (started.isPresent()) {
            row = started.get();
        } else if (row != null) {
            HandshakeRowMapping.changeState(row, payload, sequence);
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

    /**
     * From when on DescribeHandshake answered HandshakeNotFoundException, as far as the events applied so far tell:
     * the retention after the handshake settled, or after it would expire while still pending. The
     * {@code HandshakeDeletedEvent} of the retention's deadline comes at or after this instant.
     */
    public Instant visibleUntil() {
        return row == null ? null : row.getVisibleUntil();
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
}
