-- Mirror mode (app.mirror): the poller's memory of what it saw upstream and how its polls went. The record of what
-- happened is the mirrored handshakes' events; these rows only let a poll tell what vanished and GET /ledger/mirror
-- answer. Lost or stale, they are mended by the next complete poll (a sighting of nothing new records nothing).
CREATE TABLE mirror_handshake (
    handshake_id    CHARACTER VARYING(64)       NOT NULL PRIMARY KEY,
    endpoint        CHARACTER VARYING(2048)     NOT NULL,
    organization_id CHARACTER VARYING(64),
    state           CHARACTER VARYING(32)       NOT NULL,
    first_seen_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    vanished_at     TIMESTAMP(6) WITH TIME ZONE
);

CREATE INDEX idx_mirror_handshake_endpoint ON mirror_handshake (endpoint, vanished_at);
CREATE INDEX idx_mirror_handshake_first_seen ON mirror_handshake (first_seen_at DESC, handshake_id);

CREATE TABLE mirror_status (
    endpoint             CHARACTER VARYING(2048)     NOT NULL PRIMARY KEY,
    region               CHARACTER VARYING(64)       NOT NULL,
    organization_id      CHARACTER VARYING(64),
    account_id           CHARACTER VARYING(64),
    last_poll_started_at TIMESTAMP(6) WITH TIME ZONE,
    last_poll_ended_at   TIMESTAMP(6) WITH TIME ZONE,
    last_success_at      TIMESTAMP(6) WITH TIME ZONE,
    last_error_at        TIMESTAMP(6) WITH TIME ZONE,
    last_error           CHARACTER VARYING(4096),
    failures_in_a_row    INTEGER                     NOT NULL,
    handshakes_listed    INTEGER                     NOT NULL
);
