package org.handshakeledger.domain.organization;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.account.AlreadyInOrganizationException;
import org.handshakeledger.domain.account.CreateOrganizationCommand;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.InviteAccountToOrganizationCommand;
import org.handshakeledger.domain.handshake.PartyType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Creating an organization: a standalone account claims itself as the management account of a new one. */
class CreateOrganizationTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final Instant T2 = T1.plus(Duration.ofHours(1));
    private static final Duration INVITATION_LIFETIME = Duration.ofDays(15);
    private static final Duration RETENTION = Duration.ofDays(30);

    private static final OrganizationId ORG = new OrganizationId("o-a1b2c3d4e5");
    private static final OrganizationId OTHER_ORG = new OrganizationId("o-z9y8x7w6v5");
    private static final OrganizationId NEXT_ORG = new OrganizationId("o-n1e2x3t4o5");
    private static final AccountId OWNER = new AccountId("222222222222");
    private static final AccountId OTHER_MANAGEMENT = new AccountId("999999999999");
    private static final AccountId RECIPIENT = new AccountId("333333333333");
    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, OWNER, "owner@example.com",
            "Owner", FeatureSet.CONSOLIDATED_BILLING);
    private static final OrganizationProfile OTHER_PROFILE = new OrganizationProfile(OTHER_ORG, OTHER_MANAGEMENT,
            "o@example.com", "Other", FeatureSet.ALL);
    private static final InvitationLimits LIMITS = new InvitationLimits(10, 20);

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganization(OTHER_ORG, new OrganizationCreatedEvent(OTHER_PROFILE, T0))
                .givenAccount(OTHER_MANAGEMENT, new AccountMembershipClaimedEvent(OTHER_MANAGEMENT, OTHER_ORG, true,
                        T0));
    }

    @Nested
    class CreatingForAStandaloneAccount {
        @Test
        void makesTheAccountTheManagementAccountOfTheNewOrganization() {
            fixture.when(create(ORG, T1))
                   .expectEvents(new AccountMembershipClaimedEvent(OWNER, ORG, true, T1),
                           new OrganizationCreatedEvent(PROFILE, T1));
        }

        @Test
        void letsTheManagementAccountInviteRightAway() {
            fixture.givenCommands(create(ORG, T1));

            fixture.when(new InviteAccountToOrganizationCommand(new HandshakeId("h-invite000001"), ORG, OWNER,
                           new HandshakeParty(RECIPIENT.value(), PartyType.ACCOUNT), RECIPIENT, null, List.of(), T2,
                           T2.plus(INVITATION_LIFETIME), RETENTION, LIMITS))
                   .expectSuccess();
        }

        @Test
        void createsAgainAfterTheAccountLeftItsOrganization() {
            fixture.givenOrganization(OTHER_ORG,
                            new AccountJoinedOrganizationEvent(OTHER_ORG, OWNER, "owner@example.com", "Owner",
                                    JoinedMethod.INVITED, new HandshakeId("h-joined000001"), List.of(), T0),
                            new AccountLeftOrganizationEvent(OTHER_ORG, OWNER, DepartureReason.LEFT,
                                    T0.plusSeconds(60)))
                   .givenAccount(OWNER, new AccountMembershipClaimedEvent(OWNER, OTHER_ORG, false, T0),
                           new AccountMembershipReleasedEvent(OWNER, OTHER_ORG, T0.plusSeconds(60)));

            fixture.when(create(ORG, T1))
                   .expectEvents(new AccountMembershipClaimedEvent(OWNER, ORG, true, T1),
                           new OrganizationCreatedEvent(PROFILE, T1));
        }

        @Test
        void createsAgainAfterTheAccountDeletedItsOrganization() {
            fixture.givenCommands(create(ORG, T1), new DeleteOrganizationCommand(ORG, OWNER, T1));

            fixture.when(create(NEXT_ORG, T2))
                   .expectEvents(new AccountMembershipClaimedEvent(OWNER, NEXT_ORG, true, T2),
                           new OrganizationCreatedEvent(new OrganizationProfile(NEXT_ORG, OWNER, "owner@example.com",
                                   "Owner", FeatureSet.CONSOLIDATED_BILLING), T2));
        }
    }

    @Nested
    class RefusingAnAccountInAnOrganization {
        @Test
        void refusesAMemberOfAnotherOrganization() {
            fixture.givenOrganization(OTHER_ORG, new AccountJoinedOrganizationEvent(OTHER_ORG, OWNER,
                            "owner@example.com", "Owner", JoinedMethod.INVITED, new HandshakeId("h-joined000001"),
                            List.of(), T0))
                   .givenAccount(OWNER, new AccountMembershipClaimedEvent(OWNER, OTHER_ORG, false, T0));

            fixture.when(create(ORG, T1))
                   .expectException(AlreadyInOrganizationException.class);
        }

        @Test
        void refusesTheManagementAccountOfAnotherOrganization() {
            fixture.when(new CreateOrganizationCommand(OTHER_MANAGEMENT, "o@example.com", "Other", ORG,
                           FeatureSet.CONSOLIDATED_BILLING, T1))
                   .expectException(AlreadyInOrganizationException.class);
        }

        @Test
        void refusesTheManagementAccountOfAnOrganizationItJustCreated() {
            fixture.givenCommands(create(ORG, T1));

            fixture.when(create(NEXT_ORG, T2))
                   .expectException(AlreadyInOrganizationException.class);
        }
    }

    private static CreateOrganizationCommand create(OrganizationId organization, Instant at) {
        return new CreateOrganizationCommand(OWNER, "owner@example.com", "Owner", organization,
                FeatureSet.CONSOLIDATED_BILLING, at);
    }
}
