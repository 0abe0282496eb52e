-- db-scheduler's task table (its PostgreSQL schema): the durable deadlines of handshakes (expiry, retention deletion).
-- A row is written in the same transaction as the event that scheduled it.
CREATE TABLE scheduled_tasks (
    task_name            CHARACTER VARYING(100)      NOT NULL,
    task_instance        CHARACTER VARYING(100)      NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                     NOT NULL,
    picked_by            CHARACTER VARYING(50),
    last_success         TIMESTAMP(6) WITH TIME ZONE,
    last_failure         TIMESTAMP(6) WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP(6) WITH TIME ZONE,
    version              BIGINT                      NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX idx_scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX idx_scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX idx_scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
