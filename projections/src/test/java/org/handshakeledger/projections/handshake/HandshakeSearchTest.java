package org.handshakeledger.projections.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.handshakeledger.domain.AccountId;
import org.handshakeledger.domain.FeatureSet;
import org.handshakeledger.domain.HandshakeId;
import org.handshakeledger.domain.OrganizationId;
import org.handshakeledger.domain.handshake.AccountInvitedEvent;
import org.handshakeledger.domain.handshake.HandshakeAcceptedEvent;
import org.handshakeledger.domain.handshake.HandshakeAction;
import org.handshakeledger.domain.handshake.HandshakeParty;
import org.handshakeledger.domain.handshake.HandshakeState;
import org.handshakeledger.domain.handshake.PartyType;
import org.handshakeledger.domain.organization.OrganizationProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;

/**
 * The web console's handshake list ({@link HandshakeSearch}): which index a query reads, and that its filters mean
 * what the page says (state as evaluated at that moment, request days, recipients by id or email).
 */
@DataJpaTest(showSql = false)
@Import(HandshakeSearch.class)
class HandshakeSearchTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Duration LIFETIME = Duration.ofDays(15);
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final AccountId MANAGEMENT = new AccountId("111111111111");
    private static final AccountId OTHER_MANAGEMENT = new AccountId("555555555555");
    private static final AccountId ALICE = new AccountId("222222222222");
    private static final AccountId BOB = new AccountId("333333333333");
    private static final String ALICE_EMAIL = "alice@example.com";
    private static final OrganizationProfile ORGANIZATION = new OrganizationProfile(new OrganizationId("o-a1b2c3d4e5"),
            MANAGEMENT, "m@example.com", "Management", FeatureSet.ALL);
    private static final OrganizationProfile OTHER = new OrganizationProfile(new OrganizationId("o-f6g7h8i9j0"),
            OTHER_MANAGEMENT, "o@example.com", "Other", FeatureSet.ALL);

    @Autowired
    private HandshakeViewRepository repository;
    @Autowired
    private HandshakeSearch search;

    @BeforeEach
    void aFewHandshakes() {
        HandshakeViewProjection projection = new HandshakeViewProjection(repository);
        // h-a1: Alice by id, accepted a day later; h-a2: Bob, left open; h-a3: Alice by email, from the other
        // organization; h-a4: Bob, two days later; h-a5: Bob, long ago (expired by the time of the searches)
        projection.on(invitation("h-a1000001", ORGANIZATION, account(ALICE), ALICE, T0), 0);
        projection.on(new HandshakeAcceptedEvent(new HandshakeId("h-a1000001"), ALICE, T0.plus(Duration.ofDays(1)),
                "retention-1"), 1);
        projection.on(invitation("h-a2000002", ORGANIZATION, account(BOB), BOB, T0.plusSeconds(60)), 0);
        projection.on(invitation("h-a3000003", OTHER, new HandshakeParty(ALICE_EMAIL, PartyType.EMAIL), null,
                T0.plusSeconds(120)), 0);
        projection.on(invitation("h-a4000004", ORGANIZATION, account(BOB), BOB, T0.plus(Duration.ofDays(2))), 0);
        projection.on(invitation("h-a5000005", ORGANIZATION, account(BOB), BOB, T0.minus(Duration.ofDays(20))), 0);
    }

    @Test
    void everythingIsListedNewestFirstAPageAtATime() {
        // when
        HandshakePage first = search(null, null, null, null, null, null, null, PageRequest.first(2));
        HandshakePage second = search(null, null, null, null, null, null, null, after(first, 2));
        HandshakePage last = search(null, null, null, null, null, null, null, after(second, 2));

        // then
        assertThat(ids(first)).containsExactly("h-a4000004", "h-a3000003");
        assertThat(first.more()).isTrue();
        assertThat(ids(second)).containsExactly("h-a2000002", "h-a1000001");
        assertThat(ids(last)).containsExactly("h-a5000005");
        assertThat(last.more()).isFalse();
    }

    @Test
    void anOrganizationsHandshakesAndARecipientsByIdAndByEmail() {
        // when
        HandshakePage sent = search("o-a1b2c3d4e5", null, null, null, null, null, null, PageRequest.first(10));
        HandshakePage received = search(null, ALICE.value(), ALICE_EMAIL, null, null, null, null,
                PageRequest.first(10));
        HandshakePage receivedFromOne = search("o-a1b2c3d4e5", ALICE.value(), ALICE_EMAIL, null, null, null, null,
                PageRequest.first(10));

        // then
        assertThat(ids(sent)).containsExactly("h-a4000004", "h-a2000002", "h-a1000001", "h-a5000005");
        assertThat(ids(received)).containsExactly("h-a3000003", "h-a1000001");
        assertThat(ids(receivedFromOne)).containsExactly("h-a1000001");
    }

    @Test
    void theStateIsTheOneThePageShowsAtThatMoment() {
        // when
        HandshakePage open = search(null, null, null, HandshakeState.OPEN, null, null, null, PageRequest.first(10));
        HandshakePage expired = search(null, null, null, HandshakeState.EXPIRED, null, null, null,
                PageRequest.first(10));
        HandshakePage accepted = search(null, null, null, HandshakeState.ACCEPTED, null, null, null,
                PageRequest.first(10));

        // then: h-a5 is still stored as OPEN, but its expiry has passed
        assertThat(ids(open)).containsExactly("h-a4000004", "h-a3000003", "h-a2000002");
        assertThat(open.handshakes()).allSatisfy(h -> assertThat(h.state()).isEqualTo(HandshakeState.OPEN));
        assertThat(ids(expired)).containsExactly("h-a5000005");
        assertThat(expired.handshakes().get(0).state()).isEqualTo(HandshakeState.EXPIRED);
        assertThat(ids(accepted)).containsExactly("h-a1000001");
    }

    @Test
    void requestDaysAndActionNarrowTheList() {
        // when: from T0 (inclusive) to T0 + 1 day (exclusive)
        HandshakePage firstDay = search(null, null, null, null, null, T0, T0.plus(Duration.ofDays(1)),
                PageRequest.first(10));
        HandshakePage approvals = search(null, null, null, null, HandshakeAction.APPROVE_ALL_FEATURES, null, null,
                PageRequest.first(10));

        // then
        assertThat(ids(firstDay)).containsExactly("h-a3000003", "h-a2000002", "h-a1000001");
        assertThat(approvals.handshakes()).isEmpty();
    }

    @Test
    void aHandshakeTheRetentionDeletedIsNoLongerListed() {
        // when: 31 days after h-a1 was accepted, the view no longer shows it
        HandshakePage later = search(null, ALICE.value(), null, null, null, null, null, PageRequest.first(10),
                T0.plus(Duration.ofDays(32)));

        // then
        assertThat(ids(later)).isEmpty();
    }

    private HandshakePage search(String organizationId, String recipient, String email, HandshakeState state,
                                 HandshakeAction action, Instant from, Instant to, PageRequest page) {
        return search(organizationId, recipient, email, state, action, from, to, page, T0.plus(Duration.ofDays(3)));
    }

    private HandshakePage search(String organizationId, String recipient, String email, HandshakeState state,
                                 HandshakeAction action, Instant from, Instant to, PageRequest page, Instant now) {
        return search.handle(new SearchHandshakesQuery(organizationId, recipient, email, state, action, from, to,
                page, now));
    }

    private static List<String> ids(HandshakePage page) {
        return page.handshakes().stream().map(HandshakeView::id).toList();
    }

    private static PageRequest after(HandshakePage page, int size) {
        HandshakeView last = page.handshakes().get(page.handshakes().size() - 1);
        return new PageRequest(last.requestedAt(), last.id(), size);
    }

    private static HandshakeParty account(AccountId account) {
        return new HandshakeParty(account.value(), PartyType.ACCOUNT);
    }

    private static AccountInvitedEvent invitation(String id, OrganizationProfile organization, HandshakeParty target,
                                                  AccountId recipient, Instant requestedAt) {
        return new AccountInvitedEvent(new HandshakeId(id), organization, target, recipient, null, List.of(),
                organization.managementAccountId(), requestedAt, requestedAt.plus(LIFETIME), RETENTION, "expiry-1");
    }
}
