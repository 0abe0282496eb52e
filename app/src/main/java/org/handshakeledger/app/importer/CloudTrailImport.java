package org.handshakeledger.app.importer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.EventBus;
import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.app.store.DurableCommits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ledger.import.cloudtrail=PATH}: imports the handshake calls of the CloudTrail log files under PATH into the
 * event store, each {@code eventID} once, prints a summary and tells the caller how it went through the exit code:
 * {@value #IMPORTED} when every file was read, {@value #NOT_ALL_READ} when a file could not be read (the others are
 * imported, and so are the records of a file before the fault in it) or the import failed on the way. Files are read
 * as they are imported, so an export of any size fits in memory. {@link CloudTrailImportStartup} has already refused, with
 * {@value CloudTrailImportStartup#REFUSED}, a path that holds no log file. The calls are stored in transactions of
 * {@value #BATCH} records, each durable before the next; a record already in the store is skipped, and the store's
 * unique event identifier keeps out a record that a second import running at the same time stored first.
 */
@Component
public class CloudTrailImport {
    public static final int IMPORTED = 0;
    public static final int NOT_ALL_READ = 1;
    static final int BATCH = 250;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(CloudTrailImport.class);

    private final LedgerProperties properties;
    private final EventBus events;
    private final TransactionTemplate transactions;
    private final DurableCommits durableCommits;
    private final JdbcTemplate jdbc;

    CloudTrailImport(LedgerProperties properties, EventBus events, TransactionTemplate transactions,
                     DurableCommits durableCommits, DataSource dataSource) {
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.durableCommits = durableCommits;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public int run(PrintStream out) {
        Path root = properties.importing().cloudtrail();
        List<Path> files = CloudTrailFiles.under(root);
        Tally tally = new Tally();
        Map<String, String> unreadable = new LinkedHashMap<>();
        long nextProgress = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
        try {
            for (Path file : files) {
                String origin = originOf(root, file);
                try {
                    importFile(file, origin, tally, out);
                } catch (CloudTrailFiles.UnreadableFileException e) {
                    unreadable.put(origin, e.getMessage() + (e.recordsBefore() == 0 ? ""
                            : " (after record " + (e.recordsBefore() - 1) + "; the records before it were read)"));
                }
                tally.files++;
                if (System.nanoTime() - nextProgress >= 0) {
                    log.info("CloudTrail import: {} of {} files read, {} handshake calls, {} new", tally.files,
                            files.size(), tally.calls(), tally.added);
                    nextProgress = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
                }
            }
        } catch (RuntimeException e) {
            log.error("CloudTrail import failed", e);
            out.println(summary(tally, root) + ". Stopped by an error after " + tally.files + " of " + files.size()
                    + " files: " + e);
            return NOT_ALL_READ;
        }
        out.println(summary(tally, root));
        unreadable.forEach((file, reason) -> out.println("Not read: " + file + ": " + reason));
        return unreadable.isEmpty() ? IMPORTED : NOT_ALL_READ;
    }

    private void importFile(Path file, String origin, Tally tally, PrintStream out) {
        Map<String, ImportedCall> batch = new LinkedHashMap<>();
        long[] index = {0};
        try {
            CloudTrailFiles.forEachRecord(file, record -> {
                translate(record, origin, index[0]++, batch, tally, out);
                if (batch.size() == BATCH) {
                    store(batch, tally);
                }
            });
        } catch (CloudTrailFiles.UnreadableFileException e) {
            // the records read before the fault are imported like the others'
            store(batch, tally);
            throw e;
        }
        store(batch, tally);
    }

    private static void translate(JsonNode record, String origin, long index, Map<String, ImportedCall> batch,
                                  Tally tally, PrintStream out) {
        CloudTrailRecords.Translation translation = CloudTrailRecords.translate(record, origin);
        if (translation instanceof CloudTrailRecords.Call call) {
            // a record twice in one batch is counted here; one stored by an earlier batch, when this one is stored
            if (batch.putIfAbsent(call.call().identifier(), call.call()) != null) {
                tally.present++;
            }
        } else if (translation instanceof CloudTrailRecords.Invalid invalid) {
            tally.invalid++;
            out.println("Invalid record: " + origin + ", record " + index + ": " + invalid.reason());
        } else {
            tally.skipped++;
        }
    }

    /** Stores the calls of {@code batch} that the store does not hold yet, and empties it. */
    private void store(Map<String, ImportedCall> batch, Tally tally) {
        if (batch.isEmpty()) {
            return;
        }
        Integer added = transactions.execute(status -> {
            Set<String> present = present(batch.keySet());
            List<ImportedCall> calls = batch.values().stream()
                    .filter(call -> !present.contains(call.identifier())).toList();
            if (!calls.isEmpty()) {
                events.publish(calls.stream().map(ImportedCall::message).toList());
            }
            return calls.size();
        });
        durableCommits.awaitDurable();
        tally.added += added;
        tally.present += batch.size() - added;
        batch.clear();
    }

    private Set<String> present(Set<String> identifiers) {
        String placeholders = String.join(",", Collections.nCopies(identifiers.size(), "?"));
        return new HashSet<>(jdbc.queryForList("SELECT event_identifier FROM domain_event_entry WHERE "
                + "event_identifier IN (" + placeholders + ")", String.class, identifiers.toArray()));
    }

    private static String summary(Tally tally, Path root) {
        return String.format(Locale.ROOT, "Imported %d handshake calls from %d %s (%s): %d new, %d already in the "
                        + "ledger, %d skipped (not handshake calls), %d invalid", tally.calls(), tally.files,
                tally.files == 1 ? "file" : "files", root.toAbsolutePath().normalize(), tally.added, tally.present,
                tally.skipped, tally.invalid);
    }

    /** What the import found so far. */
    private static final class Tally {
        int files;
        long added;
        long present;
        long skipped;
        long invalid;

        long calls() {
            return added + present;
        }
    }

    /** Where a file is, as the summary and the imported records name it: relative to the imported path. */
    private static String originOf(Path root, Path file) {
        Path relative = root.equals(file) ? file.getFileName() : root.relativize(file);
        return relative.toString().replace('\\', '/');
    }
}
