package org.handshakeledger.app.auditor.digest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The table {@code audit_digest}: digests are added, never changed. */
@Component
class AuditDigestStore {
    private static final String COLUMNS = "sequence, last_seq, last_hash, record_count, signed_at, key_id, algorithm,"
            + " previous_signature, signing_string, signature";
    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;

    AuditDigestStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    Optional<AuditDigest> latest() {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_digest ORDER BY sequence DESC FETCH FIRST 1 ROWS ONLY",
                AuditDigestStore::digest).stream().findFirst();
    }

    /** At most {@code limit} digests numbered below {@code beforeSequence}, newest first. */
    List<AuditDigest> newestFirst(long beforeSequence, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_digest WHERE sequence < ? ORDER BY sequence DESC"
                + " FETCH FIRST " + limit + " ROWS ONLY", AuditDigestStore::digest, beforeSequence);
    }

    /** Every digest, oldest first, a page at a time. */
    void forEachOldestFirst(Consumer<AuditDigest> action) {
        long after = 0;
        List<AuditDigest> page;
        do {
            page = jdbc.query("SELECT " + COLUMNS + " FROM audit_digest WHERE sequence > ? ORDER BY sequence"
                    + " FETCH FIRST " + PAGE + " ROWS ONLY", AuditDigestStore::digest, after);
            page.forEach(action);
            after = page.isEmpty() ? after : page.get(page.size() - 1).sequence();
        } while (page.size() == PAGE);
    }

    /**
     * Adds {@code digest}.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another digest took its sequence number first
     */
    void add(AuditDigest digest) {
        jdbc.update("INSERT INTO audit_digest (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                digest.sequence(), digest.lastSeq(), digest.lastHash(), digest.recordCount(),
                OffsetDateTime.ofInstant(digest.time(), ZoneOffset.UTC), digest.keyId(), digest.algorithm(),
                digest.previousSignature(), digest.signingString(), digest.signature());
    }

    private static AuditDigest digest(ResultSet row, int rowNumber) throws SQLException {
        return new AuditDigest(row.getLong("sequence"), row.getLong("last_seq"), row.getString("last_hash"),
                row.getLong("record_count"), row.getObject("signed_at", OffsetDateTime.class).toInstant(),
                row.getString("key_id"), row.getString("algorithm"), row.getString("previous_signature"),
                row.getString("signing_string"), row.getString("signature"));
    }
}
