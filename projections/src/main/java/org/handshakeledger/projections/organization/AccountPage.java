package org.handshakeledger.projections.organization;

import java.util.List;

/** One page of member accounts; {@code more} tells whether another page follows. */
public record AccountPage(List<AccountView> accounts, boolean more) {
}
