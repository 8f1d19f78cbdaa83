-- The web workbench reads pages, never the whole record: every list it shows is one of
-- these indexes walked in order, and every filter is a lookup in one.

-- Search filters and the outlet list: documents by outlet and by date.
CREATE INDEX record_documents_outlet ON record_documents(outlet, published);
CREATE INDEX record_documents_published ON record_documents(published);
-- A story page: its findings and its quote groups.
CREATE INDEX findings_story ON findings(json_extract(json, '$.story'));
CREATE INDEX quote_groups_story ON quote_groups(story);
-- The story list, newest first.
CREATE INDEX stories_date ON stories(json_extract(json, '$.date.start'));
-- An event's participants (an actor page's roles in events).
CREATE INDEX event_participants_actor ON event_participants(actor);

-- A speaker by any word of any of their names (the search page's speaker filter: "Darwish"
-- finds Mohammad Ismail Darwish, "Hayyeh" the alias of Khalil al-Hayya), written with the
-- actors by the store.
CREATE VIRTUAL TABLE actor_words USING fts5(actor UNINDEXED, words);
INSERT INTO actor_words(actor, words)
    SELECT id, name || ' ' || coalesce(
        (SELECT group_concat(value, ' ') FROM json_each(json, '$.aliases')), '')
    FROM actors;
