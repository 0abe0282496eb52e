package org.handshakeledger.app.gateway;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.handshakeledger.app.store.DurableCommits;
import org.handshakeledger.app.store.ViewSwapLock;
import org.handshakeledger.domain.ConcurrentModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends commands and queries for the AWS operations. A command that lost a race is validated again from scratch, so
 * the loser gets the answer the new state deserves, such as HandshakeAlreadyInStateException; a command that keeps
 * losing becomes ConcurrentModificationException. Losing a race means one of these, and nothing else:
 * <ul>
 *     <li>{@link ConcurrencyException}: another request appended to one of the same aggregates first (the event
 *     store's unique aggregate/sequence key refused this one), or moved an account this one had to look up before
 *     locking it;</li>
 *     <li>{@link AggregateStreamCreationException}: another request created the same aggregate first (an account's
 *     first membership);</li>
 *     <li>{@link TaskInstanceCurrentlyExecutingException}: a deadline of the handshake fell due and is running, so its
 *     schedule cannot be cancelled; once it has run, the retried request sees the state it left;</li>
 *     <li>db-scheduler's {@link ExecutionException}: the deadline this request cancels was cancelled or changed by
 *     another request first, on this instance or another one sharing the database (its row was no longer the
 *     version read).</li>
 * </ul>
 */
@Component
public class LedgerGateway {
    private static final Logger log = LoggerFactory.getLogger(LedgerGateway.class);
    /** Enough for the hottest aggregate (one organization invited into from every instance at once). */
    private static final int ATTEMPTS = 10;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final DurableCommits durableCommits;
    private final ViewSwapLock swapLock;

    public LedgerGateway(CommandGateway commands, QueryGateway queries, DurableCommits durableCommits,
                         ViewSwapLock swapLock) {
        this.commands = commands;
        this.queries = queries;
        this.durableCommits = durableCommits;
        this.swapLock = swapLock;
    }

    public void send(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                // the view swap lock before the command's transaction takes a connection (ViewSwapLock)
                swapLock.shared(() -> commands.sendAndWait(command));
                durableCommits.awaitDurable();
                return;
            } catch (RuntimeException e) {
                if (!isLostRace(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    log.warn("{} lost {} races in a row", command.getClass().getSimpleName(), attempt, e);
                    throw new ConcurrentModificationException();
                }
                log.debug("{} lost a race (attempt {}), retrying", command.getClass().getSimpleName(), attempt);
                backOff(attempt);
            }
        }
    }

    public <R> R query(Object query, Class<R> resultType) {
        return queries.query(query, ResponseTypes.instanceOf(resultType)).join();
    }

    public <R> Optional<R> queryOptional(Object query, Class<R> resultType) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(resultType)).join();
    }

    /**
     * A few random milliseconds, more after each loss, so that requests that keep colliding on one aggregate (from
     * several instances, which share no lock) stop arriving in step.
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L << Math.min(attempt + 1, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentModificationException();
        }
    }

    private static boolean isLostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException
                    || t instanceof TaskInstanceCurrentlyExecutingException || t instanceof ExecutionException) {
                return true;
            }
        }
        return false;
    }
}
