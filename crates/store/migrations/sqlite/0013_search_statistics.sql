-- Nothing to do on SQLite: this version sets PostgreSQL's statistics of the words in methods
-- (see migrations/postgres/0013_search_statistics.sql). Kept so both backends have the same
-- versions.
SELECT 1;
