-- Reads are queries: the listing commands and the web API ask for rows by speaker, kind,
-- document or act instead of loading the whole record and filtering it.

-- The metadata a listing prints beside each quote or claim, as columns: reading it from
-- each document's JSON would parse the document's whole text once per row.
ALTER TABLE record_documents ADD COLUMN outlet TEXT;
ALTER TABLE record_documents ADD COLUMN source TEXT;
ALTER TABLE record_documents ADD COLUMN published TEXT;
UPDATE record_documents SET
    outlet = json_extract(json, '$.outlet'),
    source = json_extract(json, '$.source'),
    published = json_extract(json, '$.published');

-- The documents each event is told in (its mentions), for one document's page.
CREATE TABLE event_documents (
    event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    document TEXT NOT NULL
);
INSERT INTO event_documents(event, document)
    SELECT DISTINCT e.id, json_extract(m.value, '$.doc')
    FROM events e, json_each(e.json, '$.mentions') m;
CREATE INDEX event_documents_document ON event_documents(document);

CREATE INDEX actors_kind ON actors(kind);
CREATE INDEX quotes_kind ON quotes(kind);
CREATE INDEX quotes_act ON quotes(json_extract(json, '$.act'));
CREATE INDEX findings_kind ON findings(kind);
CREATE INDEX framing_document ON framing(document);
