package org.handshakeledger.app.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.handshakeledger.domain.account.AcceptWhileMember;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The {@code ledger.*} options of the running contract (DESIGN.md). */
@Validated
@ConfigurationProperties("ledger")
public record LedgerProperties(@NotNull @DefaultValue("./data") Path dataDir,
                               Path accountsFile,
                               @Valid @NotNull @DefaultValue Handshake handshake,
                               @Valid @NotNull @DefaultValue Limits limits) {

    /**
     * Lifetimes of handshakes, as ISO-8601 durations, and what accepting an invitation does to an account already in
     * another organization (spec §5.6).
     */
    public record Handshake(@NotNull @DefaultValue("P15D") Duration inviteExpiry,
                            @NotNull @DefaultValue("P90D") Duration allFeaturesExpiry,
                            @NotNull @DefaultValue("P30D") Duration retention,
                            @NotNull @DefaultValue("MOVE") AcceptWhileMember acceptWhileMember) {
    }

    /** Quotas (spec §5.8). */
    public record Limits(@Min(1) @DefaultValue("10") int accountsPerOrganization,
                         @Min(1) @DefaultValue("20") int invitationsPerDay) {
    }
}
