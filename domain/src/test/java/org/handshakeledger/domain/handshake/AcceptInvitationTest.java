package org.handshakeledger.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.MasterCannotLeaveOrganizationException;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.account.AcceptWhileMember;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AccountLeftOrganizationEvent;
import org.handshakeledger.domain.organization.DepartureReason;
import org.handshakeledger.domain.organization.InvitationReservedEvent;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accepting an invitation spans the invitation, the inviting organization, the account and the one it leaves. */
class AcceptInvitationTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(2));
    private static final Instant EXPIRES_AT = T0.plus(Duration.ofDays(15));
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    private static final OrganizationId OTHER_ORG = new OrganizationId("o-z9y8x7w6v5");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId OTHER_MANAGEMENT = new AccountId("999999999999");
    private static final AccountId RECIPIENT = new AccountId("222222222222");
    private static final HandshakeId INVITATION = new HandshakeId("h-invite000001");
    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, MANAGEMENT, "m@example.com",
            "Management", FeatureSet.ALL);
    private static final OrganizationProfile OTHER_PROFILE = new OrganizationProfile(OTHER_ORG, OTHER_MANAGEMENT,
            "o@example.com", "Other", FeatureSet.ALL);
    private static final List<Tag> TAGS = List.of(new Tag("team", "platform"));

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganization(ORG, new OrganizationCreatedEvent(PROFILE, T0),
                        new InvitationReservedEvent(ORG, INVITATION, "account:" + RECIPIENT, RECIPIENT, T0,
                                EXPIRES_AT))
                .givenHandshake(INVITATION, new AccountInvitedEvent(INVITATION, PROFILE,
                        new HandshakeParty(RECIPIENT.value(), PartyType.ACCOUNT), RECIPIENT, "hi", TAGS, MANAGEMENT,
                        T0, EXPIRES_AT, RETENTION, "expiry-0"));
    }

    @Test
    void joinsTheOrganizationWithTheInvitationsTags() {
        fixture.when(accept(AcceptWhileMember.MOVE))
               .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                       new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, T1),
                       new AccountJoinedOrganizationEvent(ORG, RECIPIENT, "r@example.com", "Recipient",
                               JoinedMethod.INVITED, INVITATION, TAGS, T1));
    }

    @Test
    void movesAMemberOfAnotherOrganization() {
        fixture.givenOrganization(OTHER_ORG, new OrganizationCreatedEvent(OTHER_PROFILE, T0),
                        new AccountJoinedOrganizationEvent(OTHER_ORG, RECIPIENT, "r@example.com", "Recipient",
                                JoinedMethod.INVITED, new HandshakeId("h-other0000001"), List.of(), T0))
               .givenAccount(RECIPIENT, new AccountMembershipClaimedEvent(RECIPIENT, OTHER_ORG, false, T0));

        fixture.when(accept(AcceptWhileMember.MOVE))
               .expectEvents(new HandshakeAcceptedEvent(INVITATION, RECIPIENT, T1, "handshake-retention-1"),
                       new AccountMembershipReleasedEvent(RECIPIENT, OTHER_ORG, T1),
                       new AccountMembershipClaimedEvent(RECIPIENT, ORG, false, T1),
                       new AccountLeftOrganizationEvent(OTHER_ORG, RECIPIENT,
                               DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION, T1),
                       new AccountJoinedOrganizationEvent(ORG, RECIPIENT, "r@example.com", "Recipient",
                               JoinedMethod.INVITED, INVITATION, TAGS, T1));
    }

    @Test
    void refusesTheManagementAccountOfAnotherOrganization() {
        fixture.givenOrganization(OTHER_ORG, new OrganizationCreatedEvent(new OrganizationProfile(OTHER_ORG, RECIPIENT,
                        "r@example.com", "Recipient", FeatureSet.ALL), T0))
               .givenAccount(RECIPIENT, new AccountMembershipClaimedEvent(RECIPIENT, OTHER_ORG, true, T0));

        fixture.when(accept(AcceptWhileMember.MOVE))
               .expectException(MasterCannotLeaveOrganizationException.class);
        assertThat(fixture.deadlines().scheduled()).isEmpty();
    }

    private static AcceptHandshakeCommand accept(AcceptWhileMember policy) {
        return new AcceptHandshakeCommand(INVITATION, RECIPIENT, "r@example.com", "Recipient", T1, policy);
    }
}
