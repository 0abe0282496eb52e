package org.handshakeledger.domain.organization;

import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;

/** What starting the enable-all-features flow involves: whose approval is needed and which invitations close. */
public record AllFeaturesMigrationPlan(OrganizationProfile organization, List<AccountId> invitedMembers,
                                       List<HandshakeId> openInvitations) {
}
