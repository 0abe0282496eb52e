-- Axon Framework 4.13 JPA storage on PostgreSQL: the H2 schema of db/migration/h2 with payloads, metadata and tokens
-- as BYTEA, never OID large objects (AXON-NOTES §5, the dialect PostgresByteaDialect maps Axon's @Lob columns to
-- it). The global-index sequence advances by one (META-INF/orm.xml, AXON-NOTES §4): with several instances a pooled
-- allocation would make indexes disagree with commit order and tracking processors skip events.
CREATE SEQUENCE domain_event_entry_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE association_value_entry_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE domain_event_entry (
    global_index         BIGINT                 NOT NULL PRIMARY KEY,
    sequence_number      BIGINT                 NOT NULL,
    aggregate_identifier CHARACTER VARYING(255) NOT NULL,
    event_identifier     CHARACTER VARYING(255) NOT NULL,
    payload_revision     CHARACTER VARYING(255),
    payload_type         CHARACTER VARYING(255) NOT NULL,
    time_stamp           CHARACTER VARYING(255) NOT NULL,
    type                 CHARACTER VARYING(255),
    meta_data            BYTEA,
    payload              BYTEA                  NOT NULL,
    CONSTRAINT uk_domain_event_entry_event UNIQUE (event_identifier),
    -- the optimistic lock of every aggregate, across nodes
    CONSTRAINT uk_domain_event_entry_aggregate UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE snapshot_event_entry (
    sequence_number      BIGINT                 NOT NULL,
    aggregate_identifier CHARACTER VARYING(255) NOT NULL,
    event_identifier     CHARACTER VARYING(255) NOT NULL,
    payload_revision     CHARACTER VARYING(255),
    payload_type         CHARACTER VARYING(255) NOT NULL,
    time_stamp           CHARACTER VARYING(255) NOT NULL,
    type                 CHARACTER VARYING(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA                  NOT NULL,
    PRIMARY KEY (sequence_number, aggregate_identifier, type),
    CONSTRAINT uk_snapshot_event_entry_event UNIQUE (event_identifier)
);

CREATE TABLE token_entry (
    segment        INTEGER                NOT NULL,
    owner          CHARACTER VARYING(255),
    processor_name CHARACTER VARYING(255) NOT NULL,
    timestamp      CHARACTER VARYING(255) NOT NULL,
    token_type     CHARACTER VARYING(255),
    token          BYTEA,
    PRIMARY KEY (segment, processor_name)
);

CREATE TABLE saga_entry (
    revision        CHARACTER VARYING(255),
    saga_id         CHARACTER VARYING(255) NOT NULL PRIMARY KEY,
    saga_type       CHARACTER VARYING(255),
    serialized_saga BYTEA
);

CREATE TABLE association_value_entry (
    id                BIGINT                 NOT NULL PRIMARY KEY,
    association_key   CHARACTER VARYING(255) NOT NULL,
    association_value CHARACTER VARYING(255),
    saga_id           CHARACTER VARYING(255) NOT NULL,
    saga_type         CHARACTER VARYING(255)
);
CREATE INDEX idx_association_value_entry_key ON association_value_entry (saga_type, association_key, association_value);
CREATE INDEX idx_association_value_entry_saga ON association_value_entry (saga_id, saga_type);

CREATE TABLE dead_letter_entry (
    enqueued_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_touched         TIMESTAMP(6) WITH TIME ZONE,
    processing_started   TIMESTAMP(6) WITH TIME ZONE,
    sequence_index       BIGINT                      NOT NULL,
    sequence_number      BIGINT,
    cause_message        CHARACTER VARYING(1023),
    aggregate_identifier CHARACTER VARYING(255),
    cause_type           CHARACTER VARYING(255),
    dead_letter_id       CHARACTER VARYING(255)      NOT NULL PRIMARY KEY,
    event_identifier     CHARACTER VARYING(255)      NOT NULL,
    message_type         CHARACTER VARYING(255)      NOT NULL,
    payload_revision     CHARACTER VARYING(255),
    payload_type         CHARACTER VARYING(255)      NOT NULL,
    processing_group     CHARACTER VARYING(255)      NOT NULL,
    sequence_identifier  CHARACTER VARYING(255)      NOT NULL,
    time_stamp           CHARACTER VARYING(255)      NOT NULL,
    token_type           CHARACTER VARYING(255),
    type                 CHARACTER VARYING(255),
    diagnostics          BYTEA,
    meta_data            BYTEA,
    payload              BYTEA                       NOT NULL,
    token                BYTEA,
    CONSTRAINT uk_dead_letter_entry_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX idx_dead_letter_entry_group ON dead_letter_entry (processing_group);
CREATE INDEX idx_dead_letter_entry_sequence ON dead_letter_entry (processing_group, sequence_identifier);
