package org.handshakeledger.app.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.handshakeledger.domain.account.AcceptWhileMember;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code ledger.*} options of the running contract (DESIGN.md). {@code rebuild} names the views to rebuild
 * offline ({@code all} or a comma-separated list); the service then rebuilds them and exits instead of serving.
 * {@code aggregateCacheSize} bounds how many aggregates stay in memory between commands.
 */
@Validated
@ConfigurationProperties("ledger")
public record LedgerProperties(@NotNull @DefaultValue("./data") Path dataDir,
                               Path accountsFile,
                               @Valid @NotNull @DefaultValue Handshake handshake,
                               @Valid @NotNull @DefaultValue Limits limits,
                               String rebuild,
                               @Valid @NotNull @DefaultValue Replay replay,
                               @Valid @NotNull @DefaultValue Events events,
                               @Min(1) @DefaultValue("10000") int aggregateCacheSize) {

    /**
     * Lifetimes of handshakes, as ISO-8601 durations, and what accepting an invitation does to an account already in
     * another organization (spec §5.6).
     */
    public record Handshake(@NotNull @DefaultValue("P15D") Duration inviteExpiry,
                            @NotNull @DefaultValue("P90D") Duration allFeaturesExpiry,
                            @NotNull @DefaultValue("P30D") Duration retention,
                            @NotNull @DefaultValue("MOVE") AcceptWhileMember acceptWhileMember) {
    }

    /**
     * How views are rebuilt from the event store (online with {@code POST /ledger/projections/{name}/replay},
     * offline with {@code --ledger.rebuild}).
     *
     * @param batchSize        events handled per transaction
     * @param progressInterval how often progress is logged
     * @param swapTimeout      how long the swap may wait for requests in progress and for the last events
     */
    public record Replay(@Min(1) @DefaultValue("500") int batchSize,
                         @NotNull @DefaultValue("PT5S") Duration progressInterval,
                         @NotNull @DefaultValue("PT30S") Duration swapTimeout) {
    }

    /**
     * {@code GET /ledger/events} (Server-Sent Events) and, under the profile {@code kafka}, the Kafka publisher.
     * The durations must be positive: a stream sleeps {@code pollInterval} between looks and waits {@code settle}
     * for a gap in the global index, so zero would spin or skip events that are still committing.
     */
    public record Events(@NotNull @DurationMin(millis = 1) @DefaultValue("PT15S") Duration heartbeat,
                         @NotNull @DurationMin(millis = 1) @DefaultValue("PT0.5S") Duration pollInterval,
                         @NotNull @DurationMin(millis = 1) @DefaultValue("PT2S") Duration settle,
                         @Min(1) @DefaultValue("100") int pageSize,
                         @Min(1) @DefaultValue("32") int maxStreams,
                         @NotBlank @DefaultValue("handshake-events") String kafkaTopic,
                         @NotNull @DurationMin(millis = 1) @DefaultValue("PT30S") Duration kafkaSendTimeout) {
    }

    /** Quotas (spec §5.8). */
    public record Limits(@Min(1) @DefaultValue("10") int accountsPerOrganization,
                         @Min(1) @DefaultValue("20") int invitationsPerDay) {
    }
}
