package org.handshakeledger.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;
import org.handshakeledger.app.auth.AccountDirectory;
import org.handshakeledger.app.auth.RequestThrottle;
import org.handshakeledger.app.auth.SigV4Verifier;
import org.handshakeledger.app.store.H2Restore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The clock, the account directory, its signature check and request throttle, and the default H2 file database
 * under {@code ledger.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {
    /** The settings the ledger opens its H2 file with; see {@link #dataSource}. */
    public static final String H2_FILE_SETTINGS =
            ";WRITE_DELAY=500;RETENTION_TIME=1000;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536;LOB_TIMEOUT=10000";
    private static final Logger log = LoggerFactory.getLogger(LedgerConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AccountDirectory accountDirectory(LedgerProperties properties) {
        if (properties.accountsFile() == null) {
            log.warn("No --ledger.accounts-file given: using the built-in demo directory of accounts and keys. "
                    + "Do not use it for anything but trying the ledger out.");
            return AccountDirectory.demo();
        }
        return AccountDirectory.load(properties.accountsFile());
    }

    @Bean
    SigV4Verifier sigV4Verifier(AccountDirectory directory, Clock clock) {
        return new SigV4Verifier(directory, clock);
    }

    @Bean
    RequestThrottle requestThrottle(AccountDirectory directory, LedgerProperties properties) {
        LedgerProperties.Limits limits = properties.limits();
        if (!limits.throttles()) {
            return RequestThrottle.off();
        }
        log.info("Throttling: {} requests per second per calling account, bursts of {}, on this instance",
                limits.requestsPerSecond(), limits.effectiveBurst());
        return RequestThrottle.perAccount(directory, limits.requestsPerSecond(), limits.effectiveBurst());
    }

    /**
     * Without an explicit {@code spring.datasource.url}, an H2 file database in the data directory. WRITE_DELAY=500
     * (H2's default) lets a commit return before it is in the file: H2's background writer writes what nobody waits
     * for (the audit trail, the scheduler's bookkeeping) within half a second, and a request that changed the ledger
     * waits for a write of its own through {@link DurableCommits}, shared with every request committing at the same
     * time, so an acknowledged write survives {@code kill -9}. (WRITE_DELAY=0 made every commit write a chunk of
     * about 100 KB of its own, one after the other.) RETENTION_TIME=1000: the space of a chunk nothing is live in
     * any more is used again once the chunk is a second old instead of 45 (see H2Housekeeping), which keeps the file
     * near the size of its data under load. A crash of the process cannot make that unsafe: every write H2 made is in
     * the operating system's cache, and H2 falls back to the last chunk written whole. The 45 s default is H2's margin
     * for the operating system to have written its cache to disk before old chunks are overwritten, against a power
     * cut, which H2 never promised to survive without fsync; H2 itself retains nothing while it compacts or closes.
     * DB_CLOSE_ON_EXIT=FALSE leaves closing to Spring, after the scheduler and processors have stopped. CACHE_SIZE (in
     * KB) keeps 64 MB of pages instead of 16: with a million handshakes, reads spent their time decoding pages that
     * had fallen out of it. LOB_TIMEOUT: H2 keeps every LOB a session has read (each stored event's payload and
     * metadata) for this long, 5 minutes by default; a rebuild reading 10,000 events a second filled a 512 MB heap
     * with them.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties dataSource, LedgerProperties properties) {
        if (!StringUtils.hasText(dataSource.getUrl())) {
            Path dir = properties.dataDir().toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data directory " + dir, e);
            }
            dataSource.setUrl("jdbc:h2:file:" + dir.resolve(H2Restore.DATABASE_NAME) + H2_FILE_SETTINGS);
            dataSource.setUsername("sa");
            dataSource.setPassword("");
            log.info("Event store and views: H2 database in {}", dir);
        }
        return dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
}
