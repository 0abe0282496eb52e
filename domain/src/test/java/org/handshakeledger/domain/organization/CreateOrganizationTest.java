package org.handshakeledger.domain.organization;

import static org.handshakeledger.domain.LedgerExamples.INVITATION;
import static org.handshakeledger.domain.LedgerExamples.INVITATION_LIFETIME;
import static org.handshakeledger.domain.LedgerExamples.LIMITS;
import static org.handshakeledger.domain.LedgerExamples.ORG;
import static org.handshakeledger.domain.LedgerExamples.OTHER_MANAGEMENT;
import static org.handshakeledger.domain.LedgerExamples.OTHER_ORG;
import static org.handshakeledger.domain.LedgerExamples.OTHER_PROFILE;
import static org.handshakeledger.domain.LedgerExamples.RECIPIENT;
import static org.handshakeledger.domain.LedgerExamples.RETENTION;
import static org.handshakeledger.domain.LedgerExamples.T0;
import static org.handshakeledger.domain.LedgerExamples.T1;
import static org.handshakeledger.domain.LedgerExamples.T2;
import static org.handshakeledger.domain.LedgerExamples.accountTarget;
import static org.handshakeledger.domain.LedgerExamples.emailOf;
import static org.handshakeledger.domain.LedgerExamples.joined;

import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.LedgerFixture;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.account.AccountMembershipClaimedEvent;
import org.handshakeledger.domain.account.AccountMembershipReleasedEvent;
import org.handshakeledger.domain.account.AlreadyInOrganizationException;
import org.handshakeledger.domain.account.CreateOrganizationCommand;
import org.handshakeledger.domain.handshake.InviteAccountToOrganizationCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Creating an organization: a standalone account claims itself as the management account of a new one. */
class CreateOrganizationTest {
    private static final OrganizationId NEXT_ORG = new OrganizationId("o-n1e2x3t4o5");
    /** A standalone account, until it creates {@code ORG} or another. */
    private static final AccountId OWNER = new AccountId("121212121212");
    private static final OrganizationProfile PROFILE = new OrganizationProfile(ORG, OWNER, "owner@example.com",
            "Owner", FeatureSet.CONSOLIDATED_BILLING);

    private LedgerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture()
                .givenOrganizationCreated(OTHER_PROFILE, T0);
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

            fixture.when(new InviteAccountToOrganizationCommand(INVITATION, ORG, OWNER, accountTarget(RECIPIENT),
                           RECIPIENT, null, List.of(), T2, T2.plus(INVITATION_LIFETIME), RETENTION, LIMITS))
                   .expectSuccess();
        }

        @Test
        void createsAgainAfterTheAccountLeftItsOrganization() {
            fixture.givenJoined(joined(OTHER_ORG, OWNER))
                   .givenOrganization(OTHER_ORG, new AccountLeftOrganizationEvent(OTHER_ORG, OWNER,
                           DepartureReason.LEFT, T0.plusSeconds(60)))
                   .givenAccount(OWNER, new AccountMembershipReleasedEvent(OWNER, OTHER_ORG, T0.plusSeconds(60)));

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
            fixture.givenJoined(joined(OTHER_ORG, OWNER));

            fixture.when(create(ORG, T1))
                   .expectException(AlreadyInOrganizationException.class);
        }

        @Test
        void refusesTheManagementAccountOfAnotherOrganization() {
            fixture.when(new CreateOrganizationCommand(OTHER_MANAGEMENT, emailOf(OTHER_MANAGEMENT), "Other", ORG,
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
