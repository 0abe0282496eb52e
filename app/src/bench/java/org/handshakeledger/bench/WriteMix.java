package org.handshakeledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.organizations.model.Handshake;

/**
 * The write mix: invite → answer cycles across {@link BenchAccounts#WRITE_ORGANIZATIONS} organizations. Cycle
 * {@code i} is sent by organization {@code i mod 100}; one cycle in three is accepted by an account that joins for
 * the first time, the others are declined by, or canceled for, an account of a pool of 1,000. An (organization,
 * account) pair comes back only every 1,000 cycles, far more than can be in flight, so no call is refused as a
 * duplicate. Every call of a cycle is a state-changing call and is measured.
 */
final class WriteMix {
    private final BenchClient client;
    private final AtomicLong handshakes;

    /** @param handshakes counts every invitation the ledger accepted: each one is a handshake it holds from then on */
    WriteMix(BenchClient client, AtomicLong handshakes) {
        this.client = client;
        this.handshakes = handshakes;
    }

    /** Creates the organizations (not measured). */
    void setUp() {
        List<CompletableFuture<String>> created = new ArrayList<>();
        for (int i = 0; i < BenchAccounts.WRITE_ORGANIZATIONS; i++) {
            created.add(client.createOrganization(BenchAccounts.writeManager(i)));
        }
        CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).join();
    }

    CompletableFuture<Handshake> cycle(int index, LoadRunner.Timer timer) {
        String manager = BenchAccounts.writeManager(index % BenchAccounts.WRITE_ORGANIZATIONS);
        return switch (index % 3) {
            case 0 -> {
                String joiner = BenchAccounts.writeJoiner(index / 3);
                yield timer.time("InviteAccountToOrganization", () -> client.invite(manager, joiner))
                        .thenApply(this::invited)
                        .thenCompose(h -> timer.time("AcceptHandshake", () -> client.accept(joiner, h.id())));
            }
            case 1 -> {
                String target = BenchAccounts.writePool(index % BenchAccounts.WRITE_POOL);
                yield timer.time("InviteAccountToOrganization", () -> client.invite(manager, target))
                        .thenApply(this::invited)
                        .thenCompose(h -> timer.time("DeclineHandshake", () -> client.decline(target, h.id())));
            }
            default -> {
                String target = BenchAccounts.writePool(index % BenchAccounts.WRITE_POOL);
                yield timer.time("InviteAccountToOrganization", () -> client.invite(manager, target))
                        .thenApply(this::invited)
                        .thenCompose(h -> timer.time("CancelHandshake", () -> client.cancel(manager, h.id())));
            }
        };
    }

    private Handshake invited(Handshake handshake) {
        handshakes.incrementAndGet();
        return handshake;
    }
}
