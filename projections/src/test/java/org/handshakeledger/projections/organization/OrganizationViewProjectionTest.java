package org.handshakeledger.projections.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.Tag;
import org.handshakeledger.domain.organization.AccountJoinedOrganizationEvent;
import org.handshakeledger.domain.organization.AccountLeftOrganizationEvent;
import org.handshakeledger.domain.organization.AllFeaturesEnabledEvent;
import org.handshakeledger.domain.organization.DepartureReason;
import org.handshakeledger.domain.organization.JoinedMethod;
import org.handshakeledger.domain.organization.OrganizationCreatedEvent;
import org.handshakeledger.domain.organization.OrganizationDeletedEvent;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;

@DataJpaTest(showSql = false)
class OrganizationViewProjectionTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(2));
    private static final Instant T2 = T0.plus(Duration.ofDays(5));

    private static final OrganizationId ORG_ID = new OrganizationId("o-a1b2c3d4e5");
    private static final OrganizationId OTHER_ORG_ID = new OrganizationId("o-f6g7h8i9j0");
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId MEMBER = new AccountId("222222222222");
    private static final AccountId OTHER_MANAGEMENT = new AccountId("555555555555");
    private static final AccountId UNKNOWN = new AccountId("999999999999");
    private static final String MANAGEMENT_EMAIL = "management@example.com";
    private static final OrganizationProfile ORGANIZATION = new OrganizationProfile(ORG_ID, MANAGEMENT,
            MANAGEMENT_EMAIL, "Management", FeatureSet.CONSOLIDATED_BILLING);
    private static final OrganizationProfile OTHER_ORGANIZATION = new OrganizationProfile(OTHER_ORG_ID,
            OTHER_MANAGEMENT, "other@example.com", "Other", FeatureSet.ALL);
    private static final HandshakeId INVITE_ID = new HandshakeId("h-invite000001");
    private static final List<Tag> TAGS = List.of(new Tag("env", "dev"), new Tag("team", "alpha"));

    @Autowired
    private OrganizationViewRepository organizations;
    @Autowired
    private AccountViewRepository accounts;
    @Autowired
    private TestEntityManager entityManager;

    private OrganizationViewProjection projection;

    @BeforeEach
    void setUp() {
        projection = new OrganizationViewProjection(organizations, accounts);
    }

    @Nested
    class OrganizationCreated {
        @Test
        void describesTheOrganizationWithItsManagementAccount() {
            // given
            projection.on(new OrganizationCreatedEvent(ORGANIZATION, T0));

            // when
            Optional<OrganizationView> view = getOrganization(ORG_ID);

            // then
            assertThat(view).contains(new OrganizationView("o-a1b2c3d4e5",
                    "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5", "CONSOLIDATED_BILLING",
                    "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111", "111111111111",
                    MANAGEMENT_EMAIL));
        }

        @Test
        void managementAccountIsTheFirstMemberAndJoinedByInvitation() {
            // given
            projection.on(new OrganizationCreatedEvent(ORGANIZATION, T0));

            // when
            AccountPage page = listAccounts(ORG_ID, null, 20);
            MembershipView membership = findMembership(MANAGEMENT);

            // then
            assertThat(page.accounts()).containsExactly(new AccountView("111111111111",
                    "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111", MANAGEMENT_EMAIL,
                    "Management", "INVITED", T0));
            assertThat(page.more()).isFalse();
            assertThat(membership).isEqualTo(new MembershipView("111111111111", "o-a1b2c3d4e5", true));
        }
    }

    @Nested
    class Membership {
        @BeforeEach
        void created() {
            projection.on(new OrganizationCreatedEvent(ORGANIZATION, T0));
        }

        @Test
        void joinedMemberIsListedWithHowAndWhenItJoined() {
            // when
            projection.on(joined(ORG_ID, MEMBER, TAGS, T1));

            // then
            assertThat(listAccounts(ORG_ID, null, 20).accounts()).containsExactly(
                    new AccountView("111111111111",
                            "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111",
                            MANAGEMENT_EMAIL, "Management", "INVITED", T0),
                    new AccountView("222222222222",
                            "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/222222222222",
                            "member@example.com", "Member", "INVITED", T1));
            assertThat(findMembership(MEMBER)).isEqualTo(new MembershipView("222222222222", "o-a1b2c3d4e5", false));
        }

        @Test
        void joinedMemberCarriesTheTagsOfItsInvitation() {
            // when
            projection.on(joined(ORG_ID, MEMBER, TAGS, T1));

            // then
            AccountTags tags = listTags(MEMBER, ORG_ID);
            assertThat(tags.found()).isTrue();
            assertThat(tags.tags()).containsExactlyInAnyOrderElementsOf(TAGS);
        }

        @Test
        void memberWhoJoinsWithoutTagsHasNone() {
            // when
            projection.on(joined(ORG_ID, MEMBER, null, T1));

            // then
            assertThat(listTags(MEMBER, ORG_ID)).isEqualTo(new AccountTags(true, List.of()));
        }

        @Test
        void memberWhoLeftIsStandaloneAndNoLongerListed() {
            // given
            projection.on(joined(ORG_ID, MEMBER, TAGS, T1));

            // when
            projection.on(new AccountLeftOrganizationEvent(ORG_ID, MEMBER, DepartureReason.LEFT, T2));

            // then
            assertThat(findMembership(MEMBER).isStandalone()).isTrue();
            assertThat(listAccounts(ORG_ID, null, 20).accounts()).extracting(AccountView::id)
                    .containsExactly("111111111111");
            assertThat(listTags(MEMBER, ORG_ID)).isEqualTo(new AccountTags(false, List.of()));
        }

        @Test
        void departureFromAPreviousOrganizationDoesNotUndoTheNewMembership() {
            // given
            projection.on(new OrganizationCreatedEvent(OTHER_ORGANIZATION, T0));
            projection.on(joined(OTHER_ORG_ID, MEMBER, List.of(), T1));
            projection.on(joined(ORG_ID, MEMBER, TAGS, T2));

            // when
            projection.on(new AccountLeftOrganizationEvent(OTHER_ORG_ID, MEMBER,
                    DepartureReason.MOVED_TO_ANOTHER_ORGANIZATION, T2));

            // then
            assertThat(findMembership(MEMBER)).isEqualTo(new MembershipView("222222222222", "o-a1b2c3d4e5", false));
            assertThat(listTags(MEMBER, ORG_ID).tags()).containsExactlyInAnyOrderElementsOf(TAGS);
        }

        @Test
        void rejoiningReplacesTheTagsOfThePreviousMembership() {
            // given
            projection.on(joined(ORG_ID, MEMBER, TAGS, T1));
            projection.on(new AccountLeftOrganizationEvent(ORG_ID, MEMBER, DepartureReason.REMOVED, T1));

            // when
            projection.on(joined(ORG_ID, MEMBER, List.of(new Tag("env", "prod")), T2));

            // then
            assertThat(listTags(MEMBER, ORG_ID).tags()).containsExactly(new Tag("env", "prod"));
        }
    }

    @Nested
    class FeatureSetAndDeletion {
        @BeforeEach
        void created() {
            projection.on(new OrganizationCreatedEvent(ORGANIZATION, T0));
        }

        @Test
        void enablingAllFeaturesChangesTheFeatureSet() {
            // when
            projection.on(new AllFeaturesEnabledEvent(ORG_ID, new HandshakeId("h-parent000001"), T1));

            // then
            assertThat(getOrganization(ORG_ID)).map(OrganizationView::featureSet).contains("ALL");
        }

        @Test
        void deletedOrganizationIsGoneAndItsManagementStandaloneAgain() {
            // when
            projection.on(new OrganizationDeletedEvent(ORG_ID, MANAGEMENT, T1));

            // then
            assertThat(getOrganization(ORG_ID)).isEmpty();
            assertThat(findMembership(MANAGEMENT)).isEqualTo(new MembershipView("111111111111", null, false));
            assertThat(listAccounts(ORG_ID, null, 20)).isEqualTo(new AccountPage(List.of(), false));
        }

        @Test
        void formerManagementMayCreateAnotherOrganization() {
            // given
            projection.on(new OrganizationDeletedEvent(ORG_ID, MANAGEMENT, T1));
            OrganizationProfile next = new OrganizationProfile(new OrganizationId("o-k1l2m3n4o5"), MANAGEMENT,
                    MANAGEMENT_EMAIL, "Management", FeatureSet.ALL);

            // when
            projection.on(new OrganizationCreatedEvent(next, T2));

            // then
            assertThat(findMembership(MANAGEMENT)).isEqualTo(new MembershipView("111111111111", "o-k1l2m3n4o5", true));
            assertThat(getOrganization(ORG_ID)).isEmpty();
        }

        @Test
        void theConsoleListsTheExistingOrganizationsInIdOrderAPageAtATime() {
            // given: three more, one of them deleted
            List<String> ids = List.of("o-z9z9z9z9z9", "o-b1b1b1b1b1", "o-c1c1c1c1c1");
            for (int i = 0; i < ids.size(); i++) {
                projection.on(new OrganizationCreatedEvent(new OrganizationProfile(new OrganizationId(ids.get(i)),
                        new AccountId("90000000000" + i), "x@example.com", "X", FeatureSet.ALL), T1));
            }
            projection.on(new OrganizationDeletedEvent(new OrganizationId("o-c1c1c1c1c1"),
                    new AccountId("900000000002"), T2));

            projection.on(joined(ORG_ID, MEMBER, TAGS, T1));

            // when
            OrganizationPage first = projection.handle(new ListOrganizationsQuery(null, 2, 1));
            OrganizationPage second = projection.handle(new ListOrganizationsQuery("o-b1b1b1b1b1", 2, 0));

            // then: each with its first member, and whether it has more
            assertThat(first.organizations()).extracting(OrganizationView::id)
                    .containsExactly("o-a1b2c3d4e5", "o-b1b1b1b1b1");
            assertThat(first.more()).isTrue();
            assertThat(first.members().get("o-a1b2c3d4e5").accounts()).extracting(AccountView::id)
                    .containsExactly("111111111111");
            assertThat(first.members().get("o-a1b2c3d4e5").more()).isTrue();
            assertThat(first.members().get("o-b1b1b1b1b1").accounts()).extracting(AccountView::id)
                    .containsExactly("900000000001");
            assertThat(first.members().get("o-b1b1b1b1b1").more()).isFalse();
            assertThat(listAccounts(ORG_ID, null, 1).accounts()).isEqualTo(first.members().get(ORG_ID.value())
                    .accounts());
            assertThat(second.organizations()).extracting(OrganizationView::id).containsExactly("o-z9z9z9z9z9");
            assertThat(second.members()).isEmpty();
            assertThat(second.more()).isFalse();
        }
    }

    @Nested
    class ListAccounts {
        @BeforeEach
        void organizationWithFourMembersAndAnotherOrganization() {
            projection.on(new OrganizationCreatedEvent(ORGANIZATION, T0));
            projection.on(joined(ORG_ID, new AccountId("444444444444"), List.of(), T1));
            projection.on(joined(ORG_ID, new AccountId("222222222222"), List.of(), T1));
            projection.on(joined(ORG_ID, new AccountId("555555555550"), List.of(), T1));
            projection.on(joined(ORG_ID, new AccountId("333333333333"), List.of(), T1));
            projection.on(new OrganizationCreatedEvent(OTHER_ORGANIZATION, T0));
        }

        @Test
        void pagesThroughTheMembersInAccountIdOrder() {
            // when
            AccountPage first = listAccounts(ORG_ID, null, 2);
            AccountPage second = listAccounts(ORG_ID, lastId(first), 2);
            AccountPage third = listAccounts(ORG_ID, lastId(second), 2);

            // then
            assertThat(first.accounts()).extracting(AccountView::id).containsExactly("111111111111",
                    "222222222222");
            assertThat(first.more()).isTrue();
            assertThat(second.accounts()).extracting(AccountView::id).containsExactly("333333333333",
                    "444444444444");
            assertThat(second.more()).isTrue();
            assertThat(third.accounts()).extracting(AccountView::id).containsExactly("555555555550");
            assertThat(third.more()).isFalse();
        }

        @Test
        void pageThatHoldsExactlyTheRestSaysThereIsNoMore() {
            // when
            AccountPage all = listAccounts(ORG_ID, null, 5);

            // then
            assertThat(all.accounts()).hasSize(5);
            assertThat(all.more()).isFalse();
        }

        @Test
        void listsOnlyTheMembersOfTheAskingOrganization() {
            // when
            AccountPage other = listAccounts(OTHER_ORG_ID, null, 20);

            // then
            assertThat(other.accounts()).extracting(AccountView::id).containsExactly("555555555555");
        }

        @Test
        void unknownOrganizationHasNoMembers() {
            // when
            AccountPage page = listAccounts(new OrganizationId("o-zzzzzzzzzz"), null, 20);

            // then
            assertThat(page).isEqualTo(new AccountPage(List.of(), false));
        }
    }

    @Nested
    class Queries {
        @Test
        void tagsAreOnlyShownToTheOrganizationOfTheAccount() {
            // given
            projection.on(new OrganizationCreatedEvent(ORGANIZATION, T0));
            projection.on(new OrganizationCreatedEvent(OTHER_ORGANIZATION, T0));
            projection.on(joined(ORG_ID, MEMBER, TAGS, T1));

            // when
            AccountTags asOtherOrganization = listTags(MEMBER, OTHER_ORG_ID);

            // then
            assertThat(asOtherOrganization).isEqualTo(new AccountTags(false, List.of()));
        }

        @Test
        void unknownAccountIsStandalone() {
            // when
            MembershipView membership = findMembership(UNKNOWN);

            // then
            assertThat(membership).isEqualTo(new MembershipView("999999999999", null, false));
            assertThat(membership.isStandalone()).isTrue();
        }

        @Test
        void unknownOrganizationIsEmpty() {
            // when
            Optional<OrganizationView> view = getOrganization(new OrganizationId("o-zzzzzzzzzz"));

            // then
            assertThat(view).isEmpty();
        }
    }

    @Nested
    class Reset {
        @Test
        void resetEmptiesOrganizationsAccountsAndTags() {
            // given
            projection.on(new OrganizationCreatedEvent(ORGANIZATION, T0));
            projection.on(joined(ORG_ID, MEMBER, TAGS, T1));
            flushAndClear();

            // when
            projection.reset();

            // then
            flushAndClear();
            assertThat(organizations.count()).isZero();
            assertThat(accounts.count()).isZero();
            assertThat(getOrganization(ORG_ID)).isEmpty();
            assertThat(findMembership(MEMBER).isStandalone()).isTrue();
            assertThat(listTags(MEMBER, ORG_ID)).isEqualTo(new AccountTags(false, List.of()));
        }
    }

    private Optional<OrganizationView> getOrganization(OrganizationId id) {
        flushAndClear();
        return projection.handle(new GetOrganizationQuery(id.value()));
    }

    private MembershipView findMembership(AccountId account) {
        flushAndClear();
        return projection.handle(new FindMembershipQuery(account.value()));
    }

    private AccountPage listAccounts(OrganizationId organization, String afterAccountId, int size) {
        flushAndClear();
        return projection.handle(new ListAccountsQuery(organization.value(), afterAccountId, size));
    }

    private AccountTags listTags(AccountId account, OrganizationId organization) {
        flushAndClear();
        return projection.handle(new ListTagsForAccountQuery(account.value(), organization.value()));
    }

    /** Every read goes to the database, not to the rows the handlers still hold in the persistence context. */
    private void flushAndClear() {
        entityManager.flush();
        entityManager.clear();
    }

    private static String lastId(AccountPage page) {
        return page.accounts().get(page.accounts().size() - 1).id();
    }

    private static AccountJoinedOrganizationEvent joined(OrganizationId organization, AccountId account,
                                                         List<Tag> tags, Instant at) {
        String name = account.equals(MEMBER) ? "Member" : "Account " + account.value();
        String email = account.equals(MEMBER) ? "member@example.com" : account.value() + "@example.com";
        return new AccountJoinedOrganizationEvent(organization, account, email, name, JoinedMethod.INVITED,
                INVITE_ID, tags, at);
    }
}
