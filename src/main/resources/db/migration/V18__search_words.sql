-- The vocabulary of the search index (issue 16): every distinct word of the stored items as a regex's literals see it
-- (NFC, case-folded: match.IndexTerms.words) with the one index token that finds it, so that a regex holding only a
-- piece of a word (/huỷ/, or the end of one in /ện xả/) asks the FULLTEXT index for the whole words holding that piece.
-- This replaces V17's reversed tokens (zr...) in item_search.terms, which doubled the index's writes at ingest: a word
-- is written here once, the first time it is met. word: at most 255 chars (whole = 0: its first 255); reversed: its
-- last 64 chars read backwards, so a word's end is an index range. Words of deleted items stay: the vocabulary only
-- names candidates, and the item's text decides.
CREATE TABLE search_word (
  word     VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  token    VARCHAR(80) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  reversed VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  whole    BOOLEAN NOT NULL,
  PRIMARY KEY (word, token),
  KEY ix_search_word_reversed (reversed)
) ENGINE=InnoDB;

-- How far the search backfill has written the words of items stored before this migration (SearchBackfill): until
-- done, searches do not ask the vocabulary. A database with no item yet has nothing to fill.
CREATE TABLE search_word_fill (
  id         TINYINT NOT NULL PRIMARY KEY,
  after_item BIGINT  NOT NULL,
  done       BOOLEAN NOT NULL
) ENGINE=InnoDB;
INSERT INTO search_word_fill (id, after_item, done) SELECT 1, 0, NOT EXISTS (SELECT 1 FROM item_search);
