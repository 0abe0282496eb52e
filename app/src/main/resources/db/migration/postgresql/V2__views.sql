-- The AWS-facing read models (projections module).
CREATE TABLE handshake_view (
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
-- keyset paging, newest first, per organization and per recipient
CREATE INDEX idx_handshake_view_organization ON handshake_view (organization_id, requested_at DESC, id);
CREATE INDEX idx_handshake_view_recipient ON handshake_view (recipient_account_id, requested_at DESC, id);
CREATE INDEX idx_handshake_view_recipient_email ON handshake_view (recipient_email, requested_at DESC, id);
CREATE INDEX idx_handshake_view_parent ON handshake_view (parent_id);

CREATE TABLE organization_view (
    id                    CHARACTER VARYING(34)       NOT NULL PRIMARY KEY,
    management_account_id CHARACTER VARYING(12)       NOT NULL,
    management_email      CHARACTER VARYING(255),
    management_name       CHARACTER VARYING(255),
    feature_set           CHARACTER VARYING(32)       NOT NULL,
    created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    deleted               BOOLEAN                     NOT NULL
);

CREATE TABLE account_view (
    account_id      CHARACTER VARYING(12) NOT NULL PRIMARY KEY,
    organization_id CHARACTER VARYING(34),
    management      BOOLEAN               NOT NULL,
    email           CHARACTER VARYING(255),
    name            CHARACTER VARYING(255),
    joined_method   CHARACTER VARYING(16),
    joined_at       TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX idx_account_view_organization ON account_view (organization_id, account_id);

CREATE TABLE account_tag (
    account_id CHARACTER VARYING(12)  NOT NULL REFERENCES account_view (account_id),
    tag_key    CHARACTER VARYING(128) NOT NULL,
    tag_value  CHARACTER VARYING(256),
    PRIMARY KEY (account_id, tag_key)
);
