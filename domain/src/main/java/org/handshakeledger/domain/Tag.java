package org.handshakeledger.domain;

/** A tag an invitation asks to attach to the account once it joins. */
public record Tag(String key, String value) {
}
