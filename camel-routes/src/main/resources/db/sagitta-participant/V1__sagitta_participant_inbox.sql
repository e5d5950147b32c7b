-- A participant's record of the saga operations it handled, kept in the participant's own
-- database so that the record and the work it describes commit together. Add this folder to the
-- participant's Flyway locations, or call ParticipantInbox.createTables().

-- One row per (saga, step) the participant has heard of: locked to put a step's forward command
-- and its compensation one after the other.
CREATE TABLE IF NOT EXISTS sagitta_participant_step (
    saga_id   VARCHAR(200) NOT NULL,
    step      VARCHAR(200) NOT NULL,
    PRIMARY KEY (saga_id, step)
);

-- One row per operation handled (forward or compensation) and the reply it got, to answer a
-- repeat the same way without doing the work again.
CREATE TABLE IF NOT EXISTS sagitta_participant_inbox (
    saga_id       VARCHAR(200) NOT NULL,
    step          VARCHAR(200) NOT NULL,
    compensation  BOOLEAN      NOT NULL,
    message_id    VARCHAR(200) NOT NULL,
    outcome       VARCHAR(16)  NOT NULL,
    reply_type    VARCHAR(300) NOT NULL,
    payload       TEXT,
    reason        TEXT,
    handled_at    TIMESTAMP    NOT NULL,
    PRIMARY KEY (saga_id, step, compensation)
);
