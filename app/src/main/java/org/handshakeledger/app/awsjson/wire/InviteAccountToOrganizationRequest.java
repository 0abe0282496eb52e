package org.handshakeledger.app.awsjson.wire;

import java.util.List;

/** The input of InviteAccountToOrganization. */
public record InviteAccountToOrganizationRequest(HandshakePartyShape target, String notes, List<TagShape> tags) {
}
