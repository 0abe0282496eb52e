package org.handshakeledger.domain.handshake;

/** A participant of a handshake: an account id, an organization id or an email address. */
public record HandshakeParty(String id, PartyType type) {
}
