package org.handshakeledger.domain.organization;

/** The configured quotas an invitation is checked against (AWS defaults: 10 accounts, 20 invitations a day). */
public record InvitationLimits(int accountsPerOrganization, int invitationsPerDay) {
}
