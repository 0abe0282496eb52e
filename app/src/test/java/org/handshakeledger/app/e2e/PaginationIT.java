package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.ActionType;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeFilter;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.ListHandshakesForOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * Spec §9 cases 61–63, 65 and 66 (§3.9): full pages, a NextToken only while more follows, newest first with ties
 * by id, keyset tokens that survive inserts between pages and are refused by any other call; and ListAccounts.
 */
class PaginationIT extends HandshakeITSupport {
    /** Newest first; equal timestamps in ascending id order (spec §3.9, recommended). */
    private static final Comparator<Handshake> LISTING_ORDER = Comparator
            .comparing(Handshake::requestedTimestamp).reversed()
            .thenComparing(Handshake::id);

    @Test
    void followsTwentyFiveSentInvitationsTenAtATime() {
        // given
        String m = fresh();
        consolidatedBillingOrganization(m);
        List<String> sent = sendInvitations(m, 25);

        // when
        List<ListHandshakesForOrganizationResponse> pages = pagesOf(m, 10, null);

        // then
        assertThat(pages).extracting(page -> page.handshakes().size()).containsExactly(10, 10, 5);
        assertThat(pages).extracting(page -> page.nextToken() != null).containsExactly(true, true, false);
        List<Handshake> items = pages.stream().flatMap(page -> page.handshakes().stream()).toList();
        assertThat(items).extracting(Handshake::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        assertThat(items).isSortedAccordingTo(LISTING_ORDER);
    }

    @Test
    void invitationsSentAtTheSameMillisecondAreListedInIdOrder() throws Exception {
        // given
        String a = fresh();
        List<Handshake> received = new ArrayList<>();
        // ties are a matter of timing: a loaded machine spreads the ten calls over several milliseconds more often
        for (int attempt = 0; attempt < 20 && !hasTies(received); attempt++) {
            received.addAll(invitedAtOnceByTenOrganizations(a));
        }
        assertThat(hasTies(received)).as("some invitations share a RequestedTimestamp").isTrue();

        // when
        List<Handshake> items = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = as(a).listHandshakesForAccount(r -> r.maxResults(3).nextToken(next));
            items.addAll(page.handshakes());
            token = page.nextToken();
        } while (token != null);

        // then
        assertThat(items).extracting(Handshake::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(received.stream().map(Handshake::id).toList());
        assertThat(items).isSortedAccordingTo(LISTING_ORDER);
    }

    @Test
    void answersTwentyAtMostWhenNoPageSizeIsGiven() {
        // given
        String m = fresh();
        consolidatedBillingOrganization(m);
        List<String> sent = sendInvitations(m, 25);

        // when
        List<ListHandshakesForOrganizationResponse> pages = pagesOf(m, null, null);

        // then
        assertThat(pages).extracting(page -> page.handshakes().size()).containsExactly(20, 5);
        assertThat(pages.get(0).nextToken()).isNotNull();
        assertThat(pages.get(1).nextToken()).isNull();
        assertThat(pages.stream().flatMap(page -> page.handshakes().stream()).map(Handshake::id).toList())
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void invitationSentBetweenTwoPagesNeitherRepeatsNorSkipsWhatWasAlreadyPaged() {
        // given
        String m = fresh();
        consolidatedBillingOrganization(m);
        List<String> sent = sendInvitations(m, 12);
        ListHandshakesForOrganizationResponse first = as(m).listHandshakesForOrganization(r -> r.maxResults(5));

        // when
        String late = inviteEmail(m, unknownEmail()).id();
        List<Handshake> rest = new ArrayList<>();
        String token = first.nextToken();
        while (token != null) {
            String next = token;
            ListHandshakesForOrganizationResponse page = as(m)
                    .listHandshakesForOrganization(r -> r.maxResults(5).nextToken(next));
            rest.addAll(page.handshakes());
            token = page.nextToken();
        }

        // then
        List<String> paged = new ArrayList<>(first.handshakes().stream().map(Handshake::id).toList());
        paged.addAll(rest.stream().map(Handshake::id).toList());
        assertThat(paged).doesNotHaveDuplicates().doesNotContain(late).containsExactlyInAnyOrderElementsOf(sent);
        List<Handshake> restarted = as(m).listHandshakesForOrganization(r -> r.maxResults(5)).handshakes();
        assertThat(restarted.get(0).id()).isEqualTo(late);
    }

    @Test
    void filtersByActionType() {
        // given
        String m = fresh();
        consolidatedBillingOrganization(m);
        List<String> invitations = sendInvitations(m, 3);
        Handshake parent = as(m).enableAllFeatures(r -> { }).handshake();

        // when
        List<Handshake> invites = filteredBy(m, ActionType.INVITE);
        List<Handshake> parents = filteredBy(m, ActionType.ENABLE_ALL_FEATURES);
        List<Handshake> transfers = filteredBy(m, ActionType.TRANSFER_RESPONSIBILITY);

        // then
        assertThat(invites).extracting(Handshake::id).containsExactlyInAnyOrderElementsOf(invitations);
        assertThat(invites).extracting(Handshake::action).containsOnly(ActionType.INVITE);
        assertThat(parents).extracting(Handshake::id).containsExactly(parent.id());
        assertThat(transfers).isEmpty();
        assertThat(sentBy(m)).hasSize(4);
    }

    @Test
    void filterStaysAppliedAcrossPages() {
        // given
        String m = fresh();
        consolidatedBillingOrganization(m);
        List<String> invitations = sendInvitations(m, 5);
        as(m).enableAllFeatures(r -> { });
        HandshakeFilter invitesOnly = HandshakeFilter.builder().actionType(ActionType.INVITE).build();

        // when
        List<ListHandshakesForOrganizationResponse> pages = pagesOf(m, 2, invitesOnly);

        // then
        assertThat(pages).extracting(page -> page.handshakes().size()).containsExactly(2, 2, 1);
        assertThat(pages.stream().flatMap(page -> page.handshakes().stream()).map(Handshake::id).toList())
                .containsExactlyInAnyOrderElementsOf(invitations);
    }

    @Test
    void refusesAnOrganizationTokenOnListHandshakesForAccount() {
        // given
        String m = fresh();
        consolidatedBillingOrganization(m);
        sendInvitations(m, 2);
        String token = as(m).listHandshakesForOrganization(r -> r.maxResults(1)).nextToken();
        assertThat(token).isNotNull();

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> as(m).listHandshakesForAccount(r -> r.nextToken(token)));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_NEXT_TOKEN");
    }

    @Test
    void refusesATokenReplayedWithAnotherFilter() {
        // given
        String m = fresh();
        consolidatedBillingOrganization(m);
        sendInvitations(m, 2);
        String token = as(m).listHandshakesForOrganization(r -> r.maxResults(1)).nextToken();

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> as(m).listHandshakesForOrganization(r -> r.maxResults(1).nextToken(token)
                        .filter(f -> f.actionType(ActionType.INVITE))));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_NEXT_TOKEN");
        assertThat(as(m).listHandshakesForOrganization(r -> r.maxResults(1).nextToken(token)).handshakes())
                .hasSize(1);
    }

    @Test
    void refusesATokenReplayedByAnotherManagementAccount() {
        // given
        String m = fresh();
        String other = fresh();
        consolidatedBillingOrganization(m);
        consolidatedBillingOrganization(other);
        sendInvitations(m, 2);
        String token = as(m).listHandshakesForOrganization(r -> r.maxResults(1)).nextToken();

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> as(other).listHandshakesForOrganization(r -> r.maxResults(1).nextToken(token)));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_NEXT_TOKEN");
    }

    @Test
    void recipientPagesThroughWhatItReceived() {
        // given
        String a = fresh();
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String management = fresh();
            consolidatedBillingOrganization(management);
            received.add(inviteAccount(management, a).id());
        }

        // when
        List<List<Handshake>> pages = new ArrayList<>();
        List<Boolean> tokens = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = as(a).listHandshakesForAccount(r -> r.maxResults(2).nextToken(next));
            pages.add(page.handshakes());
            tokens.add(page.nextToken() != null);
            token = page.nextToken();
        } while (token != null);

        // then
        assertThat(pages).extracting(List::size).containsExactly(2, 1);
        assertThat(tokens).containsExactly(true, false);
        List<Handshake> items = pages.stream().flatMap(List::stream).toList();
        assertThat(items).extracting(Handshake::id).containsExactlyInAnyOrderElementsOf(received);
        assertThat(items).isSortedAccordingTo(LISTING_ORDER);
    }

    @Test
    void pagesThroughTheOrganizationsAccountsOneAtATime() {
        // given
        String m = fresh();
        List<String> members = List.of(fresh(), fresh(), fresh());
        consolidatedBillingOrganization(m);
        members.forEach(member -> accept(member, inviteAccount(m, member).id()));

        // when
        List<ListAccountsResponse> pages = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListAccountsResponse page = as(m).listAccounts(r -> r.maxResults(1).nextToken(next));
            pages.add(page);
            token = page.nextToken();
        } while (token != null && pages.size() < 10);

        // then
        assertThat(pages).hasSize(4);
        assertThat(pages).extracting(page -> page.accounts().size()).containsOnly(1);
        assertThat(pages).extracting(page -> page.nextToken() != null).containsExactly(true, true, true, false);
        assertThat(pages.stream().flatMap(page -> page.accounts().stream()).map(Account::id).toList())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(m, members.get(0), members.get(1), members.get(2));
    }

    @Test
    void refusesAListAccountsTokenOnTheHandshakeLists() {
        // given
        String m = fresh();
        String c = fresh();
        organizationWithMember(m, c, OrganizationFeatureSet.CONSOLIDATED_BILLING);
        String token = as(m).listAccounts(r -> r.maxResults(1)).nextToken();

        // when
        InvalidInputException invalid = failureOf(InvalidInputException.class,
                () -> as(m).listHandshakesForOrganization(r -> r.nextToken(token)));

        // then
        assertThat(invalid.reasonAsString()).isEqualTo("INVALID_NEXT_TOKEN");
    }

    private List<String> sendInvitations(String management, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(inviteEmail(management, unknownEmail()).id());
        }
        return ids;
    }

    /** Ten fresh organizations invite {@code account}, all released at the same moment. */
    private List<Handshake> invitedAtOnceByTenOrganizations(String account) throws Exception {
        List<OrganizationsClient> senders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String management = fresh();
            consolidatedBillingOrganization(management);
            senders.add(client(management));
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Handshake>> futures = new ArrayList<>();
            for (OrganizationsClient sender : senders) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return sender.inviteAccountToOrganization(r -> r.target(t -> t.id(account)
                            .type(HandshakePartyType.ACCOUNT))).handshake();
                }));
            }
            go.countDown();
            List<Handshake> sent = new ArrayList<>();
            for (Future<Handshake> future : futures) {
                sent.add(future.get(30, TimeUnit.SECONDS));
            }
            return sent;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean hasTies(List<Handshake> handshakes) {
        return handshakes.stream().map(Handshake::requestedTimestamp).distinct().count() < handshakes.size();
    }

    private List<ListHandshakesForOrganizationResponse> pagesOf(String management, Integer pageSize,
                                                                 HandshakeFilter filter) {
        List<ListHandshakesForOrganizationResponse> pages = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListHandshakesForOrganizationResponse page = as(management).listHandshakesForOrganization(r -> r
                    .maxResults(pageSize).filter(filter).nextToken(next));
            pages.add(page);
            token = page.nextToken();
        } while (token != null && pages.size() < 50);
        return pages;
    }

    private List<Handshake> filteredBy(String management, ActionType action) {
        return as(management).listHandshakesForOrganization(r -> r.filter(f -> f.actionType(action))).handshakes();
    }
}
