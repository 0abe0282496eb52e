-- The audit trail (projections module, AuditTrailProjection): hash-chained records, and the parties of every
-- handshake it has seen, kept for as long as the trail. Free-text columns take any value a request can bring: a
-- record that does not fit would stop the trail's processor for everyone.
CREATE TABLE audit_record (
    seq                BIGINT                      NOT NULL PRIMARY KEY,
    global_index       BIGINT                      NOT NULL,
    event_time         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    event_type         CHARACTER VARYING(128)      NOT NULL,
    event_name         CHARACTER VARYING(128)      NOT NULL,
    actor_type         CHARACTER VARYING(16),
    actor_account_id   CHARACTER VARYING(12),
    access_key_id      CHARACTER VARYING(1000000),
    source_ip          CHARACTER VARYING(64),
    user_agent         CHARACTER VARYING(1000000),
    request_id         CHARACTER VARYING(64),
    request_time       TIMESTAMP(6) WITH TIME ZONE,
    organization_id    CHARACTER VARYING(34),
    handshake_id       CHARACTER VARYING(64),
    parties            CHARACTER VARYING(1024)     NOT NULL,
    state              CHARACTER VARYING(16),
    error_code         CHARACTER VARYING(128),
    error_message      CHARACTER VARYING(1000000),
    request_parameters CHARACTER VARYING(1000000),
    details            CHARACTER VARYING(1000000),
    prev_hash          CHARACTER VARYING(64)       NOT NULL,
    hash               CHARACTER VARYING(64)       NOT NULL,
    CONSTRAINT uk_audit_record_global_index UNIQUE (global_index)
);
CREATE INDEX idx_audit_record_organization ON audit_record (organization_id, seq);
CREATE INDEX idx_audit_record_handshake ON audit_record (handshake_id, seq);
CREATE INDEX idx_audit_record_time ON audit_record (event_time);

CREATE TABLE audit_handshake (
    id              CHARACTER VARYING(64)   NOT NULL PRIMARY KEY,
    organization_id CHARACTER VARYING(34),
    parties         CHARACTER VARYING(1024) NOT NULL
);
