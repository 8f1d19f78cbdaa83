-- Incremental linking: a new report is linked against the stored corpus through these
-- lookups (the actors its names can be, the stories near it, what those stories hold),
-- never by loading every analysis. `presswatch relink` rebuilds them with the record.

-- What an actor is found by: a person by surname (the last word of its name key: any
-- compatible name shares it), anything else by kind and whole name key; a role a person
-- holds ("role:" and the role key), so a speaker named by role finds its holder.
CREATE TABLE actor_keys (
    actor TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    key TEXT NOT NULL
);
CREATE INDEX actor_keys_key ON actor_keys(key, kind);
CREATE INDEX actor_keys_actor ON actor_keys(actor);

-- The reports of each story, both ways.
CREATE TABLE story_documents (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    document TEXT NOT NULL
);
CREATE INDEX story_documents_story ON story_documents(story);
CREATE INDEX story_documents_document ON story_documents(document);
INSERT INTO story_documents(story, document)
    SELECT s.id, d.value FROM stories s, json_each(s.json, '$.documents') d;

-- The reports each finding cites (its evidence), so relinking a story's reports replaces
-- just the findings about them.
CREATE TABLE finding_documents (
    finding TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    document TEXT NOT NULL
);
CREATE INDEX finding_documents_document ON finding_documents(document);
CREATE INDEX finding_documents_finding ON finding_documents(finding);
INSERT INTO finding_documents(finding, document)
    SELECT DISTINCT f.id, json_extract(e.value, '$.doc')
    FROM findings f, json_each(f.json, '$.evidence') e;

CREATE INDEX quote_groups_by_story ON quote_groups(story);

-- The names an actor's mentions in each report went by, how many reports used each, in
-- the order first seen: an actor joined by new reports is named as a full relink names it
-- (the most used of its longest names), without reading the reports that named it.
CREATE TABLE actor_member_names (
    actor TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    reports INTEGER NOT NULL,
    rank INTEGER NOT NULL
);
CREATE INDEX actor_member_names_actor ON actor_member_names(actor, rank);
