-- Inputs that could not be read, so a user can see (and retry) what a batch skipped.
CREATE TABLE failures (
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    seen_at TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (source, reason)
);
