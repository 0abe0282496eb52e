package org.handshakeledger.app.operator;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.handshakeledger.app.observability.ScrapeSnapshot;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The gauges of the event processors and the rebuilds, what {@code GET /ledger/projections} shows, read once per
 * scrape: {@value #POSITION} and {@value #LAG} for each processor ({@link ProcessorPositions}), and for each view
 * {@value #REBUILD_PERCENT} and {@value #REBUILD_RUNNING} of its running or last rebuild, wherever it ran.
 */
@Component
class EventProcessorMetrics {
    static final String POSITION = "ledger.processor.position";
    static final String LAG = "ledger.processor.lag";
    static final String REBUILD_PERCENT = "ledger.rebuild.percent";
    static final String REBUILD_RUNNING = "ledger.rebuild.running";

    private final MeterRegistry meters;
    private final ProcessorPositions positions;
    private final ScrapeSnapshot<ProcessorPositions.Reading> reading;
    private final ScrapeSnapshot<Map<RebuildableView, RebuildProgress>> rebuilds;

    EventProcessorMetrics(MeterRegistry meters, ProcessorPositions positions, ViewRebuilds viewRebuilds) {
        this.meters = meters;
        this.positions = positions;
        this.reading = new ScrapeSnapshot<>(positions::read);
        this.rebuilds = new ScrapeSnapshot<>(() -> {
            Map<RebuildableView, RebuildProgress> latest = new EnumMap<>(RebuildableView.class);
            for (RebuildableView view : RebuildableView.values()) {
                viewRebuilds.latest(view).ifPresent(progress -> latest.put(view, progress));
            }
            return latest;
        });
    }

    /** Once Axon has started: its processors exist by then. */
    @EventListener(ApplicationStartedEvent.class)
    void register() {
        for (String processor : positions.read().positions().keySet()) {
            Gauge.builder(POSITION, reading, r -> r.get().positions().get(processor))
                    .description("Global index of the newest event the processor has handled")
                    .tag("processor", processor)
                    .register(meters);
            Gauge.builder(LAG, reading, r -> r.get().lag(processor))
                    .description("Events in the store the processor has not handled yet")
                    .tag("processor", processor)
                    .register(meters);
        }
        for (RebuildableView view : RebuildableView.values()) {
            Gauge.builder(REBUILD_PERCENT, rebuilds, r -> percent(r.get().get(view)))
                    .description("How far the running or last rebuild of the view is, 0 to 100; 0 if it had none")
                    .tag("view", view.processingGroup())
                    .register(meters);
            Gauge.builder(REBUILD_RUNNING, rebuilds, r -> running(r.get().get(view)))
                    .description("1 while a rebuild of the view runs or swaps, on any instance; else 0")
                    .tag("view", view.processingGroup())
                    .register(meters);
        }
    }

    private static double percent(RebuildProgress progress) {
        return progress == null ? 0 : progress.percent();
    }

    private static double running(RebuildProgress progress) {
        return progress == null || progress.finished() ? 0 : 1;
    }
}
