-- The running or last rebuild of each view, whichever instance of the ledger runs it: GET /ledger/projections on
-- every instance reads it from here, and a rebuild starts only when no row says another one is running (RebuildBoard).
-- The instance running a rebuild refreshes heartbeat_at every second; a row that stopped being refreshed belongs to
-- an instance that died, and no longer blocks a new rebuild.
CREATE TABLE view_rebuild (
    view_name         CHARACTER VARYING(64)       NOT NULL PRIMARY KEY,
    state             CHARACTER VARYING(16)       NOT NULL,
    started_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at       TIMESTAMP(6) WITH TIME ZONE,
    position          BIGINT                      NOT NULL,
    head              BIGINT                      NOT NULL,
    events_per_second BIGINT                      NOT NULL,
    error             CHARACTER VARYING(4000),
    instance          CHARACTER VARYING(255)      NOT NULL,
    heartbeat_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
