-- Shadow tables for rebuilding views while the old ones keep serving (issue 6). A rebuild replays the event store
-- into <table>_next, then swaps each pair by renaming (ViewTableSwap), so each table of a pair is in turn the live
-- one and the shadow. Index and constraint names travel with their table and never clash.
CREATE TABLE handshake_view_next (
    id                    CHARACTER VARYING(34)       NOT NULL PRIMARY KEY,
    action                CHARACTER VARYING(64)       NOT NULL,
    state                 CHARACTER VARYING(16)       NOT NULL,
    organization_id       CHARACTER VARYING(34)       NOT NULL,
    management_account_id CHARACTER VARYING(12)       NOT NULL,
    management_email      CHARACTER VARYING(255),
    management_name       CHARACTER VARYING(255),
    feature_set           CHARACTER VARYING(32),
    parent_id             CHARACTER VARYING(34),
    target_id             CHARACTER VARYING(64),
    target_type           CHARACTER VARYING(16),
    recipient_account_id  CHARACTER VARYING(12),
    recipient_email       CHARACTER VARYING(64),
    notes                 CHARACTER VARYING(1024),
    requested_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    retention_seconds     BIGINT                      NOT NULL,
    visible_until         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_sequence         BIGINT                      NOT NULL
);
CREATE INDEX idx_handshake_view_next_organization ON handshake_view_next (organization_id, requested_at DESC, id);
CREATE INDEX idx_handshake_view_next_recipient ON handshake_view_next (recipient_account_id, requested_at DESC, id);
CREATE INDEX idx_handshake_view_next_recipient_email ON handshake_view_next (recipient_email, requested_at DESC, id);
CREATE INDEX idx_handshake_view_next_parent ON handshake_view_next (parent_id);

CREATE TABLE organization_view_next (
    id                    CHARACTER VARYING(34)       NOT NULL PRIMARY KEY,
    management_account_id CHARACTER VARYING(12)       NOT NULL,
    management_email      CHARACTER VARYING(255),
    management_name       CHARACTER VARYING(255),
    feature_set           CHARACTER VARYING(32)       NOT NULL,
    created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    deleted               BOOLEAN                     NOT NULL
);

CREATE TABLE account_view_next (
    account_id      CHARACTER VARYING(12) NOT NULL PRIMARY KEY,
    organization_id CHARACTER VARYING(34),
    management      BOOLEAN               NOT NULL,
    email           CHARACTER VARYING(255),
    name            CHARACTER VARYING(255),
    joined_method   CHARACTER VARYING(16),
    joined_at       TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX idx_account_view_next_organization ON account_view_next (organization_id, account_id);

CREATE TABLE account_tag_next (
    account_id CHARACTER VARYING(12)  NOT NULL REFERENCES account_view_next (account_id),
    tag_key    CHARACTER VARYING(128) NOT NULL,
    tag_value  CHARACTER VARYING(256),
    PRIMARY KEY (account_id, tag_key)
);

CREATE TABLE audit_record_next (
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
    CONSTRAINT uk_audit_record_next_global_index UNIQUE (global_index)
);
CREATE INDEX idx_audit_record_next_organization ON audit_record_next (organization_id, seq);
CREATE INDEX idx_audit_record_next_handshake ON audit_record_next (handshake_id, seq);
CREATE INDEX idx_audit_record_next_time ON audit_record_next (event_time);

CREATE TABLE audit_handshake_next (
    id              CHARACTER VARYING(64)   NOT NULL PRIMARY KEY,
    organization_id CHARACTER VARYING(34),
    parties         CHARACTER VARYING(1024) NOT NULL
);

-- A view whose tables are being swapped, and how many of them are done; a row left behind by a crash mid-swap
-- makes the next start finish that swap (ViewTableSwap.completeInterruptedSwaps).
CREATE TABLE view_swap (
    view_name   CHARACTER VARYING(64) NOT NULL PRIMARY KEY,
    tables_done INTEGER               NOT NULL
);
