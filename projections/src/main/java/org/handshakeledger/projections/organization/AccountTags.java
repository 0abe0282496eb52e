package org.handshakeledger.projections.organization;

import java.util.List;

import org.handshakeledger.domain.Tag;

/** The tags of an account; {@code found} is false when the account is not in the asking organization. */
public record AccountTags(boolean found, List<Tag> tags) {
}
