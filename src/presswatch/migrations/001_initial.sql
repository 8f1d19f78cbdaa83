-- Documents and their per-document analyses: the part of the store a re-run reuses.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,             -- "d" + content hash prefix: same text, same row
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    outlet TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    json TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE document_sources (
    source TEXT PRIMARY KEY,
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE TABLE analyses (
    document TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    pipeline TEXT NOT NULL,
    json TEXT NOT NULL
);

-- The corpus-level record, rebuilt by linking after each run; rows keep record order.
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, json TEXT NOT NULL
);
CREATE TABLE mentions (
    actor TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    document TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, kind TEXT
);
CREATE INDEX mentions_actor ON mentions(actor);
CREATE TABLE quotes (
    id TEXT PRIMARY KEY, document TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    kind TEXT NOT NULL, speaker TEXT, text TEXT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE TABLE events (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, cameo TEXT NOT NULL, date_start TEXT,
    place TEXT, json TEXT NOT NULL
);
CREATE TABLE event_participants (
    event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    actor TEXT NOT NULL, role TEXT NOT NULL
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY, document TEXT NOT NULL, subject TEXT, value_type TEXT NOT NULL,
    amount REAL, speaker TEXT, text TEXT NOT NULL, json TEXT NOT NULL
);
CREATE TABLE findings (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, summary TEXT NOT NULL, json TEXT NOT NULL
);
CREATE TABLE framing (
    document TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, category TEXT NOT NULL, neutral TEXT, json TEXT NOT NULL
);
CREATE TABLE stories (id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE quote_groups (
    id TEXT PRIMARY KEY, story TEXT, speaker TEXT, json TEXT NOT NULL
);

-- Full-text search over what people look for: article text and titles, quotes.
CREATE VIRTUAL TABLE documents_fts USING fts5(document UNINDEXED, title, text);
CREATE VIRTUAL TABLE quotes_fts USING fts5(quote UNINDEXED, document UNINDEXED, text);
