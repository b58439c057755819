-- 0001_init: the tables of triagebot. Times are UTC text in the fixed-width
-- form 2006-01-02T15:04:05.000000Z, so that text order is time order and
-- range queries use the indexes. JSON columns hold JSON text; NULL stands for
-- a nil list.

CREATE TABLE inquiries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    platform         TEXT    NOT NULL,
    chat_id          TEXT    NOT NULL,
    user_id          TEXT    NOT NULL,
    user_name        TEXT    NOT NULL DEFAULT '',
    user_handle      TEXT    NOT NULL DEFAULT '',
    texts            TEXT,
    cues             TEXT    NOT NULL,
    model            TEXT    NOT NULL DEFAULT '',
    confidence       REAL    NOT NULL DEFAULT 0,
    warnings         TEXT,
    language         TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL DEFAULT 'open',
    assignee         TEXT    NOT NULL DEFAULT '',
    override         TEXT    NOT NULL DEFAULT '',
    override_by      TEXT    NOT NULL DEFAULT '',
    -- NULL unless imported; unique, so importing a file twice adds nothing.
    import_key       TEXT    UNIQUE CHECK (import_key <> ''),
    first_message_at TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);

CREATE INDEX inquiries_created_at ON inquiries (created_at);

CREATE TABLE conversations (
    platform   TEXT NOT NULL,
    chat_id    TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    -- NULL: no inquiry yet.
    inquiry_id INTEGER REFERENCES inquiries (id) ON DELETE SET NULL,
    language   TEXT NOT NULL DEFAULT '',
    asked      TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (platform, chat_id, user_id)
);

CREATE INDEX conversations_inquiry_id ON conversations (inquiry_id);

CREATE TABLE events (
    platform    TEXT NOT NULL,
    id          TEXT NOT NULL,
    message     TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('pending', 'triaged', 'delivered')),
    reply       TEXT,
    received_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (platform, id)
);

-- Only undelivered events are looked up by time, and they are few.
CREATE INDEX events_pending ON events (platform, received_at) WHERE state <> 'delivered';

CREATE TABLE lead_cards (
    inquiry_id INTEGER PRIMARY KEY REFERENCES inquiries (id) ON DELETE CASCADE,
    channel    TEXT NOT NULL,
    message_id TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE digest_periods (
    period      TEXT    NOT NULL,
    destination TEXT    NOT NULL,
    claimed_at  TEXT    NOT NULL,
    posted_at   TEXT,
    late        INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    claimed_by  TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (period, destination)
);
