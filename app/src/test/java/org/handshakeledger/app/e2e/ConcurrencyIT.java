package org.handshakeledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.HandshakeState;

/**
 * Many SDK clients, each on its own thread, released at the same moment against one handshake or one account:
 * exactly the answers a one-at-a-time ledger would give, modeled 400 errors for the losers, and membership
 * invariants intact. Each race runs several times, with fresh accounts, to make losing it likely if it can be lost.
 */
class ConcurrencyIT extends HandshakeITSupport {
    private static final int ROUNDS = 5;
    private static final int RACERS = 20;
    private static final String ALREADY_IN_STATE = "HandshakeAlreadyInStateException";
    private static final String INVALID_TRANSITION = "InvalidHandshakeTransitionException";

    private ExecutorService pool;

    /** What one racer asked for and what it got back. */
    private record Outcome(Move move, String handshakeId, int status, String errorCode) {
        boolean succeeded() {
            return status == 200;
        }
    }

    private enum Move {
        ACCEPT(HandshakeState.ACCEPTED), DECLINE(HandshakeState.DECLINED), CANCEL(HandshakeState.CANCELED);

        final HandshakeState result;

        Move(HandshakeState result) {
            this.result = result;
        }

        Handshake on(OrganizationsClient client, String handshakeId) {
            return switch (this) {
                case ACCEPT -> client.acceptHandshake(r -> r.handshakeId(handshakeId)).handshake();
                case DECLINE -> client.declineHandshake(r -> r.handshakeId(handshakeId)).handshake();
                case CANCEL -> client.cancelHandshake(r -> r.handshakeId(handshakeId)).handshake();
            };
        }
    }

    /** One racer: its own client, the move it makes and the handshake it makes it on. */
    private record Racer(OrganizationsClient client, Move move, String handshakeId) {
    }

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void exactlyOneOfAcceptDeclineAndCancelRacingOnOneInvitationWins() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            // given
            String m = fresh();
            String a = fresh();
            String organization = consolidatedBillingOrganization(m);
            String invitation = inviteAccount(m, a).id();
            List<Racer> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Move move = Move.values()[i % Move.values().length];
                racers.add(new Racer(client(move == Move.CANCEL ? m : a), move, invitation));
            }

            // when
            List<Outcome> outcomes = race(racers);

            // then
            String inRound = "round " + round + ": " + outcomes;
            List<Outcome> winners = outcomes.stream().filter(Outcome::succeeded).toList();
            assertThat(winners).as(inRound).hasSize(1);
            Move winner = winners.get(0).move();
            assertThat(outcomes).as(inRound).filteredOn(o -> !o.succeeded())
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(400))
                    .allSatisfy(o -> assertThat(o.errorCode())
                            .isEqualTo(o.move() == winner ? ALREADY_IN_STATE : INVALID_TRANSITION));
            assertThat(outcomes).as(inRound).extracting(Outcome::errorCode)
                    .doesNotContain("ConcurrentModificationException", "ServiceException");

            assertSeenEverywhereAs(invitation, winner.result, a, m);
            List<String> members = accountIdsOf(m);
            if (winner == Move.ACCEPT) {
                assertThat(Collections.frequency(members, a)).as(inRound).isEqualTo(1);
                assertThat(as(a).describeOrganization().organization().id()).as(inRound).isEqualTo(organization);
            } else {
                assertThat(members).as(inRound).containsExactly(m);
                failureOf(AwsOrganizationsNotInUseException.class, () -> as(a).describeOrganization());
            }
        }
    }

    @Test
    void acceptsRacingOnOneInvitationAdmitTheAccountExactlyOnce() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            // given
            String m = fresh();
            String a = fresh();
            String organization = consolidatedBillingOrganization(m);
            String invitation = inviteAccount(m, a).id();
            List<Racer> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                racers.add(new Racer(client(a), Move.ACCEPT, invitation));
            }

            // when
            List<Outcome> outcomes = race(racers);

            // then
            String inRound = "round " + round + ": " + outcomes;
            assertThat(outcomes).as(inRound).filteredOn(Outcome::succeeded).hasSize(1);
            assertThat(outcomes).as(inRound).filteredOn(o -> !o.succeeded())
                    .hasSize(RACERS - 1)
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(400))
                    .allSatisfy(o -> assertThat(o.errorCode()).isEqualTo(ALREADY_IN_STATE));
            assertSeenEverywhereAs(invitation, HandshakeState.ACCEPTED, a, m);
            assertThat(Collections.frequency(accountIdsOf(m), a)).as(inRound).isEqualTo(1);
            assertThat(as(a).describeOrganization().organization().id()).as(inRound).isEqualTo(organization);
        }
    }

    @Test
    void accountAcceptingTwoOrganizationsAtOnceEndsInExactlyOne() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            // given
            String m1 = fresh();
            String m2 = fresh();
            String a = fresh();
            String first = consolidatedBillingOrganization(m1);
            String second = consolidatedBillingOrganization(m2);
            String fromFirst = inviteAccount(m1, a).id();
            String fromSecond = inviteAccount(m2, a).id();
            List<Racer> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                racers.add(new Racer(client(a), Move.ACCEPT, i % 2 == 0 ? fromFirst : fromSecond));
            }

            // when
            List<Outcome> outcomes = race(racers);

            // then
            String inRound = "round " + round + ": " + outcomes;
            Map<String, Long> successes = outcomes.stream().filter(Outcome::succeeded)
                    .collect(Collectors.groupingBy(Outcome::handshakeId, Collectors.counting()));
            assertThat(successes).as(inRound).isNotEmpty();
            assertThat(successes.values()).as(inRound).allSatisfy(count -> assertThat(count).isEqualTo(1L));
            assertThat(outcomes).as(inRound).filteredOn(o -> !o.succeeded())
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(400))
                    .allSatisfy(o -> assertThat(o.errorCode()).isEqualTo(ALREADY_IN_STATE));

            List<String> inFirst = accountIdsOf(m1);
            List<String> inSecond = accountIdsOf(m2);
            int memberships = Collections.frequency(inFirst, a) + Collections.frequency(inSecond, a);
            assertThat(memberships).as(inRound + " first=" + inFirst + " second=" + inSecond).isEqualTo(1);
            String joined = inFirst.contains(a) ? first : second;
            String joinedBy = inFirst.contains(a) ? fromFirst : fromSecond;
            String other = inFirst.contains(a) ? fromSecond : fromFirst;
            assertThat(as(a).describeOrganization().organization().id()).as(inRound).isEqualTo(joined);
            assertThat(describe(a, joinedBy).state()).as(inRound).isEqualTo(HandshakeState.ACCEPTED);
            // the other invitation either was never accepted, or was accepted first and then left by the move
            HandshakeState otherState = describe(a, other).state();
            assertThat(otherState).as(inRound).isIn(HandshakeState.OPEN, HandshakeState.ACCEPTED);
            assertThat(otherState == HandshakeState.ACCEPTED).as(inRound)
                    .isEqualTo(successes.containsKey(other));
        }
    }

    /** Lines the racers up, releases them together and collects what each got back. */
    private List<Outcome> race(List<Racer> racers) throws Exception {
        CountDownLatch ready = new CountDownLatch(racers.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Racer racer : racers) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return attempt(racer);
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).as("all racers lined up").isTrue();
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static Outcome attempt(Racer racer) {
        try {
            Handshake answer = racer.move().on(racer.client(), racer.handshakeId());
            assertThat(answer.state()).isEqualTo(racer.move().result);
            return new Outcome(racer.move(), racer.handshakeId(), 200, null);
        } catch (AwsServiceException e) {
            return new Outcome(racer.move(), racer.handshakeId(), e.statusCode(), e.awsErrorDetails().errorCode());
        }
    }
}
