package org.handshakeledger.domain.organization;

/** Why an account stopped being a member of an organization. */
public enum DepartureReason {
    LEFT,
    REMOVED,
    MOVED_TO_ANOTHER_ORGANIZATION
}
