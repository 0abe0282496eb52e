-- Signed digests of the audit trail (AuditDigests): each one signs the trail up to last_seq with the ledger's
-- private key, kept outside the database, and the signature of the digest before it. Rows are only ever added;
-- sequence numbers them from 1 and its key makes two instances that sign at once take turns.
CREATE TABLE audit_digest (
    sequence           BIGINT                      NOT NULL PRIMARY KEY,
    last_seq           BIGINT                      NOT NULL,
    last_hash          CHARACTER VARYING(64)       NOT NULL,
    record_count       BIGINT                      NOT NULL,
    signed_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    key_id             CHARACTER VARYING(64)       NOT NULL,
    algorithm          CHARACTER VARYING(32)       NOT NULL,
    previous_signature CHARACTER VARYING(2048),
    signing_string     CHARACTER VARYING(4096)     NOT NULL,
    signature          CHARACTER VARYING(2048)     NOT NULL
);
