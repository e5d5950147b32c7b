-- The trip example's participants keep their effects here, in the same database as the saga store,
-- so a run can be checked: every effect applied once, undone at most once.

CREATE TABLE trip_reservation (
    service      VARCHAR(64)  NOT NULL,
    saga_id      VARCHAR(64)  NOT NULL,
    booking      VARCHAR(160),
    -- RESERVED, REFUSED, RELEASED, or RELEASED_FIRST when the release came before any reservation
    status       VARCHAR(16)  NOT NULL,
    releases     INT          NOT NULL,
    PRIMARY KEY (service, saga_id)
);

CREATE TABLE trip_payment (
    saga_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    amount       BIGINT       NOT NULL,
    -- CHARGED or REFUNDED
    status       VARCHAR(16)  NOT NULL,
    refunds      INT          NOT NULL
);

CREATE TABLE trip_itinerary (
    saga_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    sent_to      VARCHAR(160) NOT NULL
);
