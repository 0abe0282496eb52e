package org.handshakeledger.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.handshakeledger.domain.account.AcceptWhileMember;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code ledger.*} options of the running contract (DESIGN.md), each with its one default. The {@code @param}
 * tags are the descriptions that the configuration processor writes to {@code spring-configuration-metadata.json}
 * for IDEs; the README's "Options" table says the same.
 *
 * @param dataDir            Directory of the H2 database files (event store and views).
 * @param accountsFile       YAML directory of accounts and access keys (README, "Accounts file"); unset, the
 *                           built-in demo directory, whose keys are public.
 * @param handshake          Lifetimes of handshakes, and what accepting an invitation does to a member of another
 *                           organization.
 * @param limits             Quotas of an organization, and the opt-in request rate limit per calling account.
 * @param rebuild            Views to rebuild offline, after which the ledger exits instead of serving: "all", or
 *                           names separated by commas (handshake-views, organization-views, audit-trail). An
 *                           empty value or an unknown name stops the start-up with exit code 2.
 * @param replay             How views are rebuilt from the event store, online and offline.
 * @param events             The event stream GET /ledger/events and the Kafka publisher (profile kafka).
 * @param aggregateCacheSize Aggregates (handshakes, organizations, accounts) kept in memory between commands.
 * @param audit              Signed digests of the audit trail.
 * @param backup             Online backups of the embedded H2 store (POST /ledger/backup).
 * @param restore            A backup file (from POST /ledger/backup) to restore into the data dir, which must be empty
 *                           or not exist yet, after which the ledger exits instead of serving. A data dir that is not
 *                           empty, or a file that is not a ledger backup, stops it with exit code 2.
 * @param mirror             Mirror mode: records the handshakes of a real AWS organization as it polls them.
 * @param importing          CloudTrail log files to import (ledger.import.cloudtrail), after which the ledger exits
 *                           instead of serving.
 */
@Validated
@ConfigurationProperties("ledger")
public record LedgerProperties(@NotNull @DefaultValue(DEFAULT_DATA_DIR) Path dataDir,
                               Path accountsFile,
                               @Valid @NotNull @DefaultValue Handshake handshake,
                               @Valid @NotNull @DefaultValue Limits limits,
                               String rebuild,
                               @Valid @NotNull @DefaultValue Replay replay,
                               @Valid @NotNull @DefaultValue Events events,
                               @Min(1) @DefaultValue("10000") int aggregateCacheSize,
                               @Valid @NotNull @DefaultValue Audit audit,
                               @Valid @NotNull @DefaultValue Backup backup,
                               Path restore,
                               @Valid @NotNull @DefaultValue Mirror mirror,
                               @Name("import") @Valid @NotNull @DefaultValue Import importing) {
    /** The name of the data dir option, which the offline restore reads before these properties are bound. */
    public static final String DATA_DIR = "ledger.data-dir";
    /** {@code ledger.data-dir} when it is not set. */
    public static final String DEFAULT_DATA_DIR = "./data";

    /** The signing key file: {@code ledger.audit.signing-key-file}, or {@code audit-signing-key.pem} in the data dir. */
    public Path signingKeyFile() {
        return audit.signingKeyFile() != null ? audit.signingKeyFile() : dataDir.resolve("audit-signing-key.pem");
    }

    /** Where backups are written: {@code ledger.backup.dir}, or {@code backups} in the data dir. */
    public Path backupDir() {
        return backup.dir() != null ? backup.dir() : dataDir.resolve("backups");
    }

    /**
     * Mirror mode (README, "Keeping a real organization's history"): polls an AWS Organizations endpoint with the AWS
     * SDK's default credential chain and records every handshake it lists, and every change of it, as observed.
     *
     * @param enabled     Whether the ledger mirrors an upstream organization.
     * @param endpointUrl The AWS Organizations endpoint to read; unset, the real AWS of the region. Any AWS-compatible
     *                    endpoint works, such as another handshake-ledger.
     * @param region      The region the requests are signed for (AWS Organizations answers in us-east-1).
     * @param interval    Time between the end of one poll and the start of the next (ISO-8601 duration).
     */
    public record Mirror(boolean enabled,
                         URI endpointUrl,
                         @NotBlank @DefaultValue("us-east-1") String region,
                         @NotNull @DurationMin(seconds = 1) @DefaultValue("PT5M") Duration interval) {
    }

    /**
     * Imports of what happened elsewhere (README, "Importing CloudTrail logs").
     *
     * @param cloudtrail A CloudTrail log file, or a directory searched at any depth for them (*.json, *.json.gz: the
     *                   {"Records": [...]} files CloudTrail writes to S3, or the ledger's own format=cloudtrail
     *                   export), whose handshake calls are imported, each eventID once, after which the ledger exits.
     *                   A path that does not exist or holds no such file stops it with exit code 2; a file that
     *                   cannot be read is reported and exits with 1.
     */
    public record Import(Path cloudtrail) {
    }

    /**
     * Online backups of the embedded H2 store (README, "Backup and restore").
     *
     * @param dir Directory POST /ledger/backup writes its zip files to; created when it does not exist. Unset: backups/
     *            in the data dir, which is on the same disk as the database: copy the files elsewhere, or point this
     *            to another volume.
     */
    public record Backup(Path dir) {
    }

    /**
     * Signed digests of the audit trail (README, "Proving the trail was not rewritten").
     *
     * @param signingKeyFile Private key (RSA, PKCS#8 PEM) that signs the digests; generated there on first start when
     *                       the file does not exist. Unset: audit-signing-key.pem in the data dir, which is fine for a
     *                       try-out only: in production keep it where whoever can write the database cannot read it.
     *                       Every instance sharing a database must use the same key.
     * @param digestInterval How often a digest is signed (ISO-8601 duration); POST /ledger/audit/digests signs one at
     *                       once.
     */
    public record Audit(Path signingKeyFile,
                        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT1H") Duration digestInterval) {
    }

    /**
     * Lifetimes of handshakes, as ISO-8601 durations, and what accepting an invitation does to an account already in
     * another organization (spec §5.6).
     *
     * @param inviteExpiry      Lifetime of an invitation (ISO-8601 duration, e.g. PT5S).
     * @param allFeaturesExpiry Lifetime of an enable-all-features request and its approvals.
     * @param retention         How long a settled handshake stays visible to the AWS API.
     * @param acceptWhileMember Accepting an invitation while in another organization: MOVE leaves it and joins (its
     *                          management account is refused with MasterCannotLeaveOrganizationException); REJECT
     *                          refuses with HandshakeConstraintViolationException, ALREADY_IN_AN_ORGANIZATION.
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
     * @param batchSize        Events a rebuild handles per transaction.
     * @param progressInterval How often a rebuild logs its progress.
     * @param swapTimeout      How long a swap may wait for requests in progress and the last events before the
     *                         rebuild fails.
     */
    public record Replay(@Min(1) @DefaultValue("500") int batchSize,
                         @NotNull @DefaultValue("PT5S") Duration progressInterval,
                         @NotNull @DefaultValue("PT30S") Duration swapTimeout) {
    }

    /**
     * {@code GET /ledger/events} (Server-Sent Events) and, under the profile {@code kafka}, the Kafka publisher.
     * The durations must be positive: a stream sleeps {@code pollInterval} between looks and waits {@code settle}
     * for a gap in the global index, so zero would spin or skip events that are still committing.
     *
     * @param heartbeat        How often an idle /ledger/events stream gets a comment line, which keeps proxies from
     *                         closing it and finds clients that went away.
     * @param pollInterval     How often an idle stream looks for new events (the delay of live events).
     * @param settle           How long a stream waits for a missing position (a transaction still committing)
     *                         before passing it.
     * @param pageSize         Events a stream reads at a time (bounds its memory).
     * @param maxStreams       Concurrent /ledger/events streams; more are answered 503.
     * @param kafkaTopic       The Kafka topic every handshake event is published to (profile kafka).
     * @param kafkaSendTimeout How long the Kafka publisher waits for the broker's acknowledgement before retrying.
     */
    public record Events(@NotNull @DurationMin(millis = 1) @DefaultValue("PT15S") Duration heartbeat,
                         @NotNull @DurationMin(millis = 1) @DefaultValue("PT0.5S") Duration pollInterval,
                         @NotNull @DurationMin(millis = 1) @DefaultValue("PT2S") Duration settle,
                         @Min(1) @DefaultValue("100") int pageSize,
                         @Min(1) @DefaultValue("32") int maxStreams,
                         @NotBlank @DefaultValue("handshake-events") String kafkaTopic,
                         @NotNull @DurationMin(millis = 1) @DefaultValue("PT30S") Duration kafkaSendTimeout) {
    }

    /**
     * Quotas and throttling (spec §5.8). Throttling is off unless {@code requestsPerSecond} is set: the SDKs retry
     * TooManyRequestsException on their own, so a limit nobody asked for would only slow clients down silently.
     *
     * @param accountsPerOrganization Accounts per organization, open invitations included.
     * @param invitationsPerDay       Invitations an organization may send in 24 hours.
     * @param requestsPerSecond       Requests per second one calling account may make, AWS API and /ledger endpoints
     *                                together, on this instance (not across instances); more are answered
     *                                TooManyRequestsException. 0 turns throttling off.
     * @param burst                   Requests one calling account may make at once before requests-per-second
     *                                applies; unset, the same number as requests-per-second. Needs
     *                                requests-per-second.
     */
    public record Limits(@Min(1) @DefaultValue("10") int accountsPerOrganization,
                         @Min(1) @DefaultValue("20") int invitationsPerDay,
                         @Min(0) @DefaultValue("0") int requestsPerSecond,
                         @Min(1) Integer burst) {

        /** Checked at start-up: a burst alone would look like a limit and limit nothing. */
        @AssertTrue(message = "ledger.limits.burst needs ledger.limits.requests-per-second; without a rate there is"
                + " no throttling")
        public boolean isBurstGivenWithARate() {
            return burst == null || requestsPerSecond > 0;
        }

        public boolean throttles() {
            return requestsPerSecond > 0;
        }

        /** The burst in force: as configured, or one second's worth of requests. */
        public int effectiveBurst() {
            return burst == null ? requestsPerSecond : burst;
        }
    }
}
