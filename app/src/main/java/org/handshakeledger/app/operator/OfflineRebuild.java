package org.handshakeledger.app.operator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.handshakeledger.app.config.LedgerProperties;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.handshakeledger.projections.rebuild.ViewChecksum;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.rebuild=all} (or a comma-separated list of views): disaster recovery with the service stopped.
 * Rebuilds each view from the event store, one after the other, prints a summary and tells the caller how it went
 * through the exit code: 0 when every view was rebuilt, 1 otherwise. {@link OfflineRebuildStartup} has already
 * refused a value that names no view or an unknown one, with {@value #INVALID_VIEWS}, before the application started.
 */
@Component
public class OfflineRebuild {
    public static final int INVALID_VIEWS = 2;

    private final LedgerProperties properties;
    private final ViewRebuilds rebuilds;
    private final ViewChecksum checksums;
    private final EventProcessingConfiguration processing;

    OfflineRebuild(LedgerProperties properties, ViewRebuilds rebuilds, ViewChecksum checksums,
                   EventProcessingConfiguration processing) {
        this.properties = properties;
        this.rebuilds = rebuilds;
        this.checksums = checksums;
        this.processing = processing;
    }

    public int run(PrintStream out) {
        List<RebuildableView> views = views(properties.rebuild());
        // nothing else may write the views meanwhile: the live streaming processors wait until the rebuild is done
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .forEach(processor -> processor.shutDown());
        List<String> failed = new ArrayList<>();
        for (RebuildableView view : views) {
            RebuildProgress result = rebuilds.runNow(view);
            if (result.state() == RebuildProgress.State.COMPLETED) {
                out.printf(Locale.ROOT, "rebuilt %s: %d events in %.1f s (%d events/s), checksum %s%n",
                        view.processingGroup(), result.position(), result.elapsed().toMillis() / 1000.0,
                        result.eventsPerSecond(), checksums.of(view).sha256());
            } else {
                out.printf(Locale.ROOT, "FAILED %s: %s%n", view.processingGroup(), result.error());
                failed.add(view.processingGroup());
            }
        }
        out.println(failed.isEmpty() ? "All " + views.size() + " views rebuilt."
                : "Not rebuilt: " + String.join(", ", failed) + "; their previous content is unchanged.");
        return failed.isEmpty() ? 0 : 1;
    }

    /**
     * The views {@code names} asks for: {@code all}, or names separated by commas.
     *
     * @throws IllegalArgumentException naming the problem when {@code names} is empty or names an unknown view
     */
    static List<RebuildableView> views(String names) {
        if (names == null || names.isBlank()) {
            throw new IllegalArgumentException("ledger.rebuild is set but empty: it names no view to rebuild");
        }
        if (names.trim().equals("all")) {
            return List.of(RebuildableView.values());
        }
        List<RebuildableView> views = new ArrayList<>();
        for (String name : names.split(",")) {
            views.add(RebuildableView.named(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown view '" + name.trim() + "' in ledger.rebuild")));
        }
        return views;
    }
}
