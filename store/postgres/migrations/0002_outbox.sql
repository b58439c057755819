-- 0002_outbox: every outgoing message (a reply, a lead card) is a row here,
-- written in the transaction of the state it reports, and sent by the
-- dispatcher at each platform's pace. Times are timestamptz.

CREATE TABLE outbox (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform    text        NOT NULL,
    target      text        NOT NULL,
    -- Rows of one platform and lane go out one at a time, oldest first.
    lane        text        NOT NULL,
    kind        text        NOT NULL,
    -- The idempotency key: one row per reply, one per lead card.
    key         text        NOT NULL UNIQUE,
    -- The buyer ("platform/user") whose data the payload holds.
    subject     text        NOT NULL DEFAULT '',
    payload     jsonb       NOT NULL,
    state       text        NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    -- Set when the row is re-armed while being sent: send it again.
    dirty       boolean     NOT NULL DEFAULT false,
    attempts    integer     NOT NULL DEFAULT 0,
    unknown     integer     NOT NULL DEFAULT 0,
    -- pending: when to try; sending: when the claim expires; sent: the
    -- earliest time a re-armed row may go out again.
    next_at     timestamptz NOT NULL,
    last_error  text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- The unfinished rows, by due time and by lane; finished rows are not indexed.
CREATE INDEX outbox_due ON outbox (next_at) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_lane ON outbox (platform, lane, id) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_subject ON outbox (subject);

-- When the triage worker may claim an event (NULL: at once); a claim sets
-- it a lease ahead, so an event whose worker died is claimed again.
ALTER TABLE events ADD COLUMN due_at timestamptz;
