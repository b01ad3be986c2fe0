-- Filters, topics and search (issue 16).

-- Rules as written, one per line (a rule is one line; the catalog refuses line breaks in a rule). NULL: none.
-- A feed's keep/block decide what is stored from it (ingest); a category's block what its outputs show (publish).
ALTER TABLE feed
  ADD COLUMN keep_rules  TEXT NULL,
  ADD COLUMN block_rules TEXT NULL;
ALTER TABLE category ADD COLUMN block_rules TEXT NULL;

-- A topic: a feed made of a query over stored items, published like a category (/feeds/{slug}.rss). categories:
-- the slugs it looks in, one per line, NULL for every category. origin and source_line as for categories.
CREATE TABLE topic (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug        VARCHAR(100) NOT NULL,
  title       VARCHAR(255) NOT NULL,
  query       TEXT         NOT NULL,
  categories  TEXT         NULL,
  origin      VARCHAR(8)   NOT NULL DEFAULT 'file',
  source_line INT          NULL,
  position    INT          NOT NULL DEFAULT 0,
  created_at  DATETIME(3)  NOT NULL,
  UNIQUE KEY uk_topic_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What queries and topics read of an item, written with it (store/ItemStore). doc: its title, author, categories and
-- summary/content text as match.MatchText serializes them, what every match is decided on. terms: its words encoded
-- by match.IndexTerms as ASCII tokens of 3 to 80 chars, so InnoDB FULLTEXT at its default innodb_ft_min_token_size
-- (3) and stopword list keeps two-letter syllables (lũ, bé, ô); the index only narrows candidates, doc decides.
CREATE TABLE item_search (
  item_id BIGINT     NOT NULL PRIMARY KEY,
  doc     MEDIUMTEXT NOT NULL,
  terms   MEDIUMTEXT CHARACTER SET ascii NOT NULL,
  FULLTEXT KEY ft_item_search_terms (terms),
  CONSTRAINT fk_item_search_item FOREIGN KEY (item_id) REFERENCES item (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Items a feed's keep/block rules left out, once each (by identity), with the rule: the feed's health counts them.
-- Pruned by retention like items (by seen_at).
CREATE TABLE item_left_out (
  feed_id       BIGINT        NOT NULL,
  identity_hash CHAR(64)      CHARACTER SET ascii NOT NULL,
  rule_list     VARCHAR(5)    CHARACTER SET ascii NOT NULL,
  rule_text     VARCHAR(1000) NOT NULL,
  title         VARCHAR(1000) NULL,
  url           VARCHAR(2048) NULL,
  seen_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (feed_id, identity_hash),
  KEY ix_item_left_out_seen (seen_at),
  CONSTRAINT fk_item_left_out_feed FOREIGN KEY (feed_id) REFERENCES feed (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
