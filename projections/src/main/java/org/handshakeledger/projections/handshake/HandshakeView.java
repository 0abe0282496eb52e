package org.handshakeledger.projections.handshake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.PartyType;

/** A handshake as DescribeHandshake and the List operations return it, with its state evaluated at read time. */
public record HandshakeView(String id, String arn, HandshakeAction action, HandshakeState state,
                            List<HandshakeParty> parties, List<HandshakeResource> resources, Instant requestedAt,
                            Instant expiresAt) {

    /** Builds the AWS shape (spec §4.5, §7.2): ORGANIZATION party first, resources in documented order. */
    static HandshakeView from(HandshakeViewEntity row, Instant now) {
        String org = row.getOrganizationId();
        List<HandshakeParty> parties = new ArrayList<>();
        parties.add(new HandshakeParty(org, PartyType.ORGANIZATION));
        List<HandshakeResource> resources = new ArrayList<>();
        switch (row.getAction()) {
            case INVITE -> {
                parties.add(new HandshakeParty(row.getTargetId(), row.getTargetType()));
                resources.add(new HandshakeResource(HandshakeResourceType.ORGANIZATION, org, List.of(
                        HandshakeResource.of(HandshakeResourceType.MASTER_EMAIL, row.getManagementEmail()),
                        HandshakeResource.of(HandshakeResourceType.MASTER_NAME, row.getManagementName()),
                        HandshakeResource.of(HandshakeResourceType.ORGANIZATION_FEATURE_SET, row.getFeatureSet()))));
                resources.add(HandshakeResource.of(HandshakeResourceType.valueOf(row.getTargetType().name()),
                        row.getTargetId()));
                if (row.getNotes() != null && !row.getNotes().isEmpty()) {
                    resources.add(HandshakeResource.of(HandshakeResourceType.NOTES, row.getNotes()));
                }
            }
            case APPROVE_ALL_FEATURES -> {
                parties.add(new HandshakeParty(row.getTargetId(), PartyType.ACCOUNT));
                resources.add(HandshakeResource.of(HandshakeResourceType.PARENT_HANDSHAKE, row.getParentId()));
                resources.add(HandshakeResource.of(HandshakeResourceType.ORGANIZATION, org));
                resources.add(HandshakeResource.of(HandshakeResourceType.ACCOUNT, row.getTargetId()));
            }
            default -> resources.add(HandshakeResource.of(HandshakeResourceType.ORGANIZATION, org));
        }
        String arn = "arn:aws:organizations::" + row.getManagementAccountId() + ":handshake/" + org + "/"
                + row.getAction().arnSegment() + "/" + row.getId();
        return new HandshakeView(row.getId(), arn, row.getAction(), stateAt(row, now), List.copyOf(parties),
                List.copyOf(resources), row.getRequestedAt(), row.getExpiresAt());
    }

    /** Expiry is evaluated lazily: a pending handshake past its expiration time is EXPIRED already. */
    static HandshakeState stateAt(HandshakeViewEntity row, Instant now) {
        return row.getState().isPending() && !now.isBefore(row.getExpiresAt()) ? HandshakeState.EXPIRED
                : row.getState();
    }
}
