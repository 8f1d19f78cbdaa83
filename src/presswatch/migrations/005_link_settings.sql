-- The link settings the stored corpus was last linked with, so a later run that is not
-- given them links the whole store the same way instead of silently dropping them.
CREATE TABLE link_settings (
    name TEXT PRIMARY KEY,           -- known_actors, facts or quote_alignment
    source TEXT,                     -- the file it was read from (NULL for quote_alignment)
    value TEXT NOT NULL              -- the file's whole text, or the method's name
);
