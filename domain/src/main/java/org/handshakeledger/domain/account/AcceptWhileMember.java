package org.handshakeledger.domain.account;

/**
 * What accepting an invitation does to an account that is already in another organization (spec §5.6, §10 #6).
 * Configuration, so it reaches the domain in the commands of an accept.
 */
public enum AcceptWhileMember {
    /** A member leaves its organization and joins the inviting one; a management account cannot leave. */
    MOVE,
    /** Any account already in an organization is refused with ALREADY_IN_AN_ORGANIZATION; it must leave first. */
    REJECT
}
