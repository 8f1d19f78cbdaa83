-- 006 and 009 each made an index of quote_groups by story (quote_groups_by_story,
-- quote_groups_story): one is kept, so storing a record writes each quote group's
-- story once into an index, not twice.
DROP INDEX IF EXISTS quote_groups_story;
