-- Sagitta's tables. Runs unchanged on PostgreSQL 15+ and on H2 2.x in MODE=PostgreSQL
-- (where TEXT is a plain varchar, not a CLOB). Released migrations are never edited: change the
-- schema with a new V<n>__*.sql file next to this one.
--
-- The scripts live in db/sagitta rather than Flyway's default db/migration, so that an
-- application running its own Flyway on the same classpath never picks them up.
--
-- Instants are TIMESTAMP WITH TIME ZONE (microsecond precision on both databases; the engine
-- stores milliseconds). Enumerations are VARCHAR without CHECK constraints, so that a new status
-- needs no migration.

-- One row per saga instance. revision is the optimistic lock: 1 on insert, +1 per transition.
create table saga_instance (
    saga_id        varchar(255)             not null,
    saga_type      varchar(255)             not null,
    saga_version   integer                  not null,
    status         varchar(32)              not null,
    data           text                     not null,
    progress       text                     not null,
    wake_at        timestamp with time zone,
    revision       bigint                   not null,
    correlation_id varchar(255),
    tenant_id      varchar(255),
    business_key   varchar(255),
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    constraint saga_instance_pk primary key (saga_id)
);

-- Idempotent start. Sagas without a business key do not collide: both databases treat NULLs as
-- distinct in a unique index.
create unique index saga_instance_business_key_uq on saga_instance (saga_type, business_key);

-- Due wake-ups. Finished sagas carry no wake-up time, and a range scan on wake_at skips NULLs, so
-- the index serves "unfinished and due" without a partial index (which H2 lacks).
create index saga_instance_wake_at_idx on saga_instance (wake_at);

-- Operator queries: sagas in a status, of a type, for a tenant.
create index saga_instance_status_type_tenant_idx on saga_instance (status, saga_type, tenant_id);

-- A saga's timeline, append-only.
create table saga_step (
    saga_id varchar(255)             not null,
    seq     integer                  not null,
    step    varchar(255),
    attempt integer                  not null,
    kind    varchar(64)              not null,
    detail  text,
    at      timestamp with time zone not null,
    constraint saga_step_pk primary key (saga_id, seq)
);

-- Commands to send. A row is deleted once sent. insertion_order is the queue order: it grows
-- with every insert, so claiming by it keeps each saga's commands in the order they were written.
create table saga_outbox (
    message_id      varchar(255)             not null,
    saga_id         varchar(255)             not null,
    seq             bigint                   not null,
    message_type    varchar(255)             not null,
    saga_type       varchar(255)             not null,
    step            varchar(255)             not null,
    attempt         integer                  not null,
    compensation    boolean                  not null,
    participant     varchar(255)             not null,
    payload         text                     not null,
    correlation_id  varchar(255),
    tenant_id       varchar(255),
    created_at      timestamp with time zone not null,
    available_at    timestamp with time zone not null,
    insertion_order bigint generated always as identity,
    constraint saga_outbox_pk primary key (message_id)
);

create index saga_outbox_available_at_idx on saga_outbox (available_at);

-- Replies already applied, so none is applied twice. No foreign key: a reply for an unknown or
-- finished saga is recorded too.
create table saga_inbox (
    message_id   varchar(255)             not null,
    saga_id      varchar(255)             not null,
    processed_at timestamp with time zone not null,
    constraint saga_inbox_pk primary key (message_id)
);

-- Messages that could not be processed, kept for an operator.
create table saga_dead_letter (
    id         varchar(255)             not null,
    saga_id    varchar(255),
    message_id varchar(255),
    payload    text,
    reason     text                     not null,
    created_at timestamp with time zone not null,
    constraint saga_dead_letter_pk primary key (id)
);

create index saga_dead_letter_saga_id_idx on saga_dead_letter (saga_id);

-- For the participant helper: messages a participant has already handled, by its own key.
create table participant_inbox (
    participant  varchar(255)             not null,
    message_key  varchar(255)             not null,
    processed_at timestamp with time zone not null,
    constraint participant_inbox_pk primary key (participant, message_key)
);
