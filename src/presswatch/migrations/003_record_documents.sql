-- The documents of the linked record as it was saved, in its order. A document row keeps
-- the metadata of the first read of its text; the record may carry a later read (another
-- source path, a newer language check), and `load_record` must return what was saved.
CREATE TABLE record_documents (
    position INTEGER PRIMARY KEY,
    document TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
    json TEXT NOT NULL
);
-- Stores written before this migration: the record held every analysed document.
INSERT INTO record_documents(position, document, json)
    SELECT d.rowid, d.id, d.json FROM documents d JOIN analyses a ON a.document = d.id;
CREATE INDEX quotes_document ON quotes(document);
CREATE INDEX claims_document ON claims(document);
CREATE INDEX mentions_document ON mentions(document);
