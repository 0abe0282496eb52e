package org.handshakeledger.app.operator;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.handshakeledger.projections.rebuild.RebuildableView;
import org.springframework.stereotype.Component;

/** The event processors of this node, where each stands against the head of the event store. */
@Component
public class ProjectionStatuses {
    private final EventProcessingConfiguration processing;
    private final RebuildEnvironment environment;
    private final ViewRebuilds rebuilds;

    ProjectionStatuses(EventProcessingConfiguration processing, RebuildEnvironment environment,
                       ViewRebuilds rebuilds) {
        this.processing = processing;
        this.environment = environment;
        this.rebuilds = rebuilds;
    }

    public long head() {
        return environment.head();
    }

    public List<ProjectionStatus> all() {
        long head = head();
        return processing.eventProcessors().values().stream()
                .sorted(Comparator.comparing(EventProcessor::getName))
                .map(processor -> statusOf(processor, head))
                .toList();
    }

    public Optional<ProjectionStatus> named(String name) {
        return processing.eventProcessor(name).map(processor -> statusOf(processor, head()));
    }

    private ProjectionStatus statusOf(EventProcessor processor, long head) {
        Optional<RebuildableView> view = RebuildableView.named(processor.getName());
        RebuildProgress rebuild = view.flatMap(rebuilds::latest).orElse(null);
        boolean rebuilding = rebuild != null && !rebuild.finished();
        Long position = position(processor, head);
        return new ProjectionStatus(processor.getName(), view.isPresent() ? "view" : "publisher", mode(processor),
                position, position == null ? null : Math.max(0, head - position),
                rebuilding || replaying(processor), rebuild);
    }

    /** Subscribing processors handle each event in the transaction that stores it: they are always at the head. */
    static Long position(EventProcessor processor, long head) {
        if (processor instanceof StreamingEventProcessor streaming) {
            List<OptionalLong> positions = streaming.processingStatus().values().stream()
                    .map(EventTrackerStatus::getCurrentPosition).toList();
            if (positions.isEmpty()) {
                return null;
            }
            return positions.stream().mapToLong(p -> p.orElse(0)).min().orElse(0);
        }
        return head;
    }

    private static boolean replaying(EventProcessor processor) {
        return processor instanceof StreamingEventProcessor streaming
                && streaming.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
    }

    private static String mode(EventProcessor processor) {
        if (processor instanceof SubscribingEventProcessor) {
            return "subscribing";
        }
        return processor instanceof PooledStreamingEventProcessor ? "pooled" : "tracking";
    }
}
