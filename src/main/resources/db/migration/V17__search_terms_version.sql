-- Regexes find words by their ends (issue 16: /s[ếe]u đầu/ at 1,000,000 items): item_search.terms now holds each
-- word's reversed token (zr...), and bare tokens of words too long to index whole are cut instead of left out.
-- Rows written before this have terms_version 1 and are written again by the search backfill (SearchBackfill);
-- until none is left, searches do not ask the index for word ends. Rows written from now on have version 2 by
-- default. Adding the column is instant; its index finds the rows left in one lookup.
ALTER TABLE item_search ADD COLUMN terms_version TINYINT NOT NULL DEFAULT 1;
ALTER TABLE item_search ALTER COLUMN terms_version SET DEFAULT 2;
ALTER TABLE item_search ADD INDEX ix_item_search_terms_version (terms_version, item_id);
