-- 0003_outbox: every outgoing message (a reply, a lead card) is a row here,
-- written in the transaction of the state it reports, and sent by the
-- dispatcher at each platform's pace. Times are UTC text like everywhere.

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    platform    TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    -- Rows of one platform and lane go out one at a time, oldest first.
    lane        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    -- The idempotency key: one row per reply, one per lead card.
    key         TEXT    NOT NULL UNIQUE,
    -- The buyer ("platform/user") whose data the payload holds.
    subject     TEXT    NOT NULL DEFAULT '',
    payload     TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    -- Set when the row is re-armed while being sent: send it again.
    dirty       INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1)),
    attempts    INTEGER NOT NULL DEFAULT 0,
    unknown     INTEGER NOT NULL DEFAULT 0,
    -- pending: when to try; sending: when the claim expires; sent: the
    -- earliest time a re-armed row may go out again.
    next_at     TEXT    NOT NULL,
    last_error  TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

-- The unfinished rows, by due time and by lane; finished rows are not indexed.
CREATE INDEX outbox_due ON outbox (next_at) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_lane ON outbox (platform, lane, id) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_subject ON outbox (subject);

-- When the triage worker may claim an event (NULL: at once); a claim sets
-- it a lease ahead, so an event whose worker died is claimed again.
ALTER TABLE events ADD COLUMN due_at TEXT;
