-- Dead letters, as the engine's DeadLetterStore describes them. The saga_dead_letter table of V1
-- was never written to, so it is dropped (its index goes with it) and made again with a column
-- for every field. Same conventions as V1: runs unchanged on PostgreSQL 15+ and on H2 2.x in
-- MODE=PostgreSQL, instants are TIMESTAMP WITH TIME ZONE, enumerations (kind, status) are VARCHAR
-- without CHECK constraints, and text has no length limit (a payload is kept whole, however large).

drop table saga_dead_letter;

-- One row per message that could not be processed. headers is a JSON object of strings, as the
-- message carried them; payload is its body as UTF-8 text, null if it had none. settled_at and
-- settled_by stay null while the status is PENDING: a settle sets all three in one conditional
-- update, so only one operator (or node) settles a letter.
create table saga_dead_letter (
    id           varchar(255)             not null,
    kind         varchar(32)              not null,
    reason       text                     not null,
    source       text                     not null,
    message_id   varchar(255),
    message_type varchar(255),
    saga_id      varchar(255),
    headers      text                     not null,
    payload      text,
    attempts     integer                  not null,
    created_at   timestamp with time zone not null,
    status       varchar(32)              not null,
    settled_at   timestamp with time zone,
    settled_by   varchar(255),
    constraint saga_dead_letter_pk primary key (id)
);

-- The operator's list: pending letters, oldest first; also finds old letters for purging.
create index saga_dead_letter_status_created_at_idx on saga_dead_letter (status, created_at);

-- Every dead letter of one saga.
create index saga_dead_letter_saga_id_idx on saga_dead_letter (saga_id);
