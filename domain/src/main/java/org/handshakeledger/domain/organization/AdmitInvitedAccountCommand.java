package org.handshakeledger.domain.organization;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.account.AcceptWhileMember;

/** Makes the account that accepted an invitation a member of the organization. */
public record AdmitInvitedAccountCommand(@TargetAggregateIdentifier OrganizationId organizationId,
                                         HandshakeId handshakeId, AccountId account, String email, String name,
                                         List<Tag> tags, Instant at, AcceptWhileMember acceptWhileMember) {
}
