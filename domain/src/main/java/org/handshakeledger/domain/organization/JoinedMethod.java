package org.handshakeledger.domain.organization;

/** How an account came to be a member of its organization. */
public enum JoinedMethod {
    INVITED,
    CREATED
}
