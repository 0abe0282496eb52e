package org.handshakeledger.projections.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * One link of the audit trail: a state change (or a refused request) with its actor and request, and the hashes
 * that chain it to the record before. Written once, never updated.
 */
@Entity
@Table(name = "audit_record")
public class AuditRecordEntity implements Persistable<Long> {
    /**
     * Room for any text a request can bring (a user agent, 50 tags in the details): a value that did not fit would
     * fail the record, and the trail would stop at it for good (V4__audit.sql).
     */
    static final int TEXT = 1_000_000;

    @Id
    private long seq;
    private long globalIndex;
    private Instant eventTime;
    private String eventType;
    private String eventName;
    private String actorType;
    private String actorAccountId;
    @Column(length = TEXT)
    private String accessKeyId;
    private String sourceIp;
    @Column(length = TEXT)
    private String userAgent;
    private String requestId;
    private Instant requestTime;
    private String organizationId;
    private String handshakeId;
    @Column(length = 1024)
    private String parties;
    private String state;
    private String errorCode;
    @Column(length = TEXT)
    private String errorMessage;
    @Column(length = TEXT)
    private String requestParameters;
    @Column(length = TEXT)
    private String details;
    private String prevHash;
    private String hash;

    protected AuditRecordEntity() {
    }

    AuditRecordEntity(AuditRecord record) {
        seq = record.seq();
        globalIndex = record.globalIndex();
        eventTime = record.eventTime();
        eventType = record.eventType();
        eventName = record.eventName();
        actorType = record.actorType();
        actorAccountId = record.actorAccountId();
        accessKeyId = record.accessKeyId();
        sourceIp = record.sourceIp();
        userAgent = record.userAgent();
        requestId = record.requestId();
        requestTime = record.requestTime();
        organizationId = record.organizationId();
        handshakeId = record.handshakeId();
        parties = record.parties();
        state = record.state();
        errorCode = record.errorCode();
        errorMessage = record.errorMessage();
        requestParameters = record.requestParameters();
        details = record.details();
        prevHash = record.prevHash();
        hash = record.hash();
    }

    AuditRecord toRecord() {
        return new AuditRecord(seq, globalIndex, eventTime, eventType, eventName, actorType, actorAccountId,
                accessKeyId, sourceIp, userAgent, requestId, requestTime, organizationId, handshakeId, parties, state,
                errorCode, errorMessage, requestParameters, details, prevHash, hash);
    }

    long getSeq() {
        return seq;
    }

    @Override
    public Long getId() {
        return seq;
    }

    /** Records are only ever inserted: saving one must not look it up first. */
    @Override
    @Transient
    public boolean isNew() {
        return true;
    }

    String getHash() {
        return hash;
    }
}
