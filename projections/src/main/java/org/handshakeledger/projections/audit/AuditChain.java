package org.handshakeledger.projections.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The tamper-evident chain. The canonical form of a record is a compact JSON object (UTF-8, no spaces) whose keys
 * are every field of {@link AuditRecord} except {@code hash}, in alphabetical order; absent values are JSON
 * {@code null}, numbers are plain integers, times are ISO-8601 UTC instants with milliseconds
 * ({@code 2026-01-31T12:00:00.000Z}). {@code hash} is the lower-case hex SHA-256 of the canonical form, which
 * contains {@code prevHash}, the hash of the record before ({@link #GENESIS} for the first). Changing, removing
 * or reordering any record breaks the chain at that record.
 */
public final class AuditChain {
    public static final String GENESIS = "0".repeat(64);

    /** How the canonical form writes a time: UTC with milliseconds, {@code 2026-01-31T12:00:00.000Z}. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private AuditChain() {
    }

    public static String canonicalForm(AuditRecord r) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("seq", r.seq());
        fields.put("globalIndex", r.globalIndex());
        fields.put("eventTime", time(r.eventTime()));
        fields.put("eventType", r.eventType());
        fields.put("eventName", r.eventName());
        fields.put("actorType", r.actorType());
        fields.put("actorAccountId", r.actorAccountId());
        fields.put("accessKeyId", r.accessKeyId());
        fields.put("sourceIp", r.sourceIp());
        fields.put("userAgent", r.userAgent());
        fields.put("requestId", r.requestId());
        fields.put("requestTime", time(r.requestTime()));
        fields.put("organizationId", r.organizationId());
        fields.put("handshakeId", r.handshakeId());
        fields.put("parties", r.parties());
        fields.put("state", r.state());
        fields.put("errorCode", r.errorCode());
        fields.put("errorMessage", r.errorMessage());
        fields.put("requestParameters", r.requestParameters());
        fields.put("details", r.details());
        fields.put("prevHash", r.prevHash());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An audit record must always be writable as JSON", e);
        }
    }

    public static String hash(AuditRecord record) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalForm(record).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** The record linked after {@code prevHash}. */
    public static AuditRecord link(AuditRecord record, String prevHash) {
        AuditRecord withPrev = record.withChain(prevHash, null);
        return withPrev.withChain(prevHash, hash(withPrev));
    }

    private static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }
}
