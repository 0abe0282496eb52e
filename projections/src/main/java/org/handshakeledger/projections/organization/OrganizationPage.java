package org.handshakeledger.projections.organization;

import java.util.List;
import java.util.Map;

/**
 * One page of organizations, and the first members of each by organization id (empty when none were asked for);
 * {@code more} tells whether another page follows.
 */
public record OrganizationPage(List<OrganizationView> organizations, Map<String, AccountPage> members,
                               boolean more) {
}
