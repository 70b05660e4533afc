-- Methods are now indexed with the names of their categories in both languages (issue 18).
-- The version of what the search index holds: a database with methods indexed by an older
-- version is reindexed by a job the server queues at start (`reindex_methods`); a database
-- without methods yet is current.
CREATE TABLE search_index (version INTEGER NOT NULL);
INSERT INTO search_index (version) SELECT CASE WHEN EXISTS (SELECT 1 FROM methods) THEN 0 ELSE 1 END;
