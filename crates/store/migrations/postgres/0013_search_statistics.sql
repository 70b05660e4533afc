-- Finer statistics of the words in methods. PostgreSQL estimates a word it keeps no count of
-- at half the rarest word it does count; with the default list (1,000 words) that made a word
-- found nowhere look common, so a search for it walked the newest-first index over every
-- method (hundreds of milliseconds for 100,000 methods) instead of asking the word index
-- (under one). A list ten times longer keeps that guess small.
ALTER TABLE methods
    ALTER COLUMN search SET STATISTICS 1000,
    ALTER COLUMN search_titles SET STATISTICS 1000;
