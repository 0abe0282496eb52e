package org.handshakeledger.app.store;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Group commit for the embedded H2 store. H2 runs with a write delay ({@link LedgerConfiguration#H2_FILE_SETTINGS}),
 * so a transaction commits in memory and returns at once; a request that changed the ledger calls
 * {@link #awaitDurable()} before it answers, and returns only once a write of the store that started after its commit
 * has reached the file. One thread writes for everyone waiting: the requests that commit while a write is under way
 * share the next one, so a burst of N requests costs a few chunk writes instead of N. What survives {@code kill -9}
 * is therefore still every acknowledged write.
 *
 * <p>A write of the store takes everything committed before it, in commit order, so a write that depended on another
 * that was not yet written (a cancel of an invitation committed a moment earlier) is never durable without it.
 *
 * <p>Reads do not wait: a committed transaction is visible to every other session at once, before it is written. A
 * Describe, a List or another command's checks can see a write that is lost if the process dies
 * in the few milliseconds before the write; its own caller has not been answered yet, so no acknowledged write is
 * lost. What passes events on outside the process (the event stream, the Kafka publisher) calls
 * {@link #awaitDurable()} first, so as never to publish such an event.
 *
 * <p>H2 does not fsync here, as before: the write is in the operating system's cache, which a crash of the process
 * does not lose; a power cut may.
 *
 * <p>For any other database (server-mode H2, PostgreSQL, in-memory H2) this does nothing: the database's own commit
 * is durable, or there is nothing to make durable.
 */
@Component
public class DurableCommits implements DisposableBean {
    /** How long a request waits for the store to be written before it fails instead; a write takes milliseconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);

    private final DataSource dataSource;
    private final GroupCommit groupCommit;
    private volatile MVStore store;

    DurableCommits(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        this.store = EmbeddedH2.fileStore(dataSource).orElse(null);
        this.groupCommit = store == null ? null : new GroupCommit("h2-group-commit", this::writeStore, TIMEOUT);
        if (store != null) {
            log.info("Commits are made durable in groups: H2 write delay {} ms", store.getAutoCommitDelay());
        }
    }

    /**
     * Returns once everything this thread has committed is in the file; call it after the transaction has committed
     * and before the request is answered.
     *
     * @throws CommitNotDurableException if writing the store failed or did not finish in time; the request must then
     *                                   fail, as its write may be lost
     */
    public void awaitDurable() {
        if (groupCommit != null) {
            groupCommit.await();
        }
    }

    private void writeStore() throws SQLException {
        MVStore current = store;
        if (current.isClosed()) {
            // H2 closes the database when its last connection closes, and the next connection opens it anew: later
            // commits go to the new store. Those waiting now committed to the old one, which we cannot vouch for.
            store = EmbeddedH2.fileStore(dataSource).orElse(current);
            throw new CommitNotDurableException("the H2 store was closed", current.getPanicException());
        }
        // writes a chunk of everything committed so far and waits until it is in the file; throws if H2 failed
        current.commit();
        // commit() skips when there is nothing new, which includes changes H2's background writer has just taken
        // into a chunk it is still writing (MVStore.tryCommit hands the write to its own threads and returns):
        // this waits until the writes in flight are done
        current.executeFilestoreOperation(() -> {
        });
    }

    @Override
    public void destroy() throws InterruptedException {
        if (groupCommit != null) {
            groupCommit.close();
        }
    }
}
