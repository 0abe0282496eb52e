package org.handshakeledger.bench;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The read mix on a seeded ledger: DescribeHandshake of a random seeded handshake by one of its two real parties,
 * and ListHandshakesForAccount / ListHandshakesForOrganization of a random seeded recipient / management account,
 * following NextToken for up to {@link #PAGES} pages of 20. Every page is one measured request.
 */
final class ReadMix {
    static final int PAGES = 3;

    private final BenchClient client;
    private final SeedPlan plan;

    ReadMix(BenchClient client, SeedPlan plan) {
        this.client = client;
        this.plan = plan;
    }

    CompletableFuture<?> describe(int index, LoadRunner.Timer timer) {
        SplittableRandom random = new SplittableRandom(index * 31L + 7);
        int k = random.nextInt(plan.size());
        String caller = random.nextBoolean()
                ? BenchAccounts.seedRecipient(plan.recipient(k))
                : BenchAccounts.seedManager(plan.organization(k));
        return timer.time("DescribeHandshake", () -> client.describe(caller, plan.handshakeId(k)));
    }

    CompletableFuture<?> listForAccount(int index, LoadRunner.Timer timer) {
        String caller = BenchAccounts.seedRecipient(
                new SplittableRandom(index * 17L + 3).nextInt(BenchAccounts.SEED_RECIPIENTS));
        return accountPage(caller, null, 1, timer);
    }

    CompletableFuture<?> listForOrganization(int index, LoadRunner.Timer timer) {
        String caller = BenchAccounts.seedManager(
                new SplittableRandom(index * 13L + 5).nextInt(BenchAccounts.SEED_ORGANIZATIONS));
        return organizationPage(caller, null, 1, timer);
    }

    private CompletableFuture<Object> accountPage(String caller, String token, int page, LoadRunner.Timer timer) {
        return timer.time("ListHandshakesForAccount", () -> client.listForAccount(caller, token))
                .thenCompose(response -> response.nextToken() != null && page < PAGES
                        ? accountPage(caller, response.nextToken(), page + 1, timer)
                        : CompletableFuture.<Object>completedFuture(response));
    }

    private CompletableFuture<Object> organizationPage(String caller, String token, int page, LoadRunner.Timer timer) {
        return timer.time("ListHandshakesForOrganization", () -> client.listForOrganization(caller, token))
                .thenCompose(response -> response.nextToken() != null && page < PAGES
                        ? organizationPage(caller, response.nextToken(), page + 1, timer)
                        : CompletableFuture.<Object>completedFuture(response));
    }
}
