package org.handshakeledger.projections.organization;

import java.util.List;

/** One page of organizations; {@code more} tells whether another page follows. */
public record OrganizationPage(List<OrganizationView> organizations, boolean more) {
}
