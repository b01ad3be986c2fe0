-- Full text (issue 14): the article of a full-text feed's item, fetched from its page once and kept with the item.
-- article_state: NULL (not a full-text item), pending (first fetch to come), retrying (a fetch failed, another is due
-- at article_next_at), done (article holds it), failed (gave up after tributary.fulltext.max-attempts).
-- article_hold_until: the item stays out of published outputs until then, unless its article arrives first (or its
-- first fetch fails); cleared when it is released, so releases are found through ix_item_article_hold.
-- article_released_at: when a held item became visible, which is when its story changed for readers (Last-Modified).
-- article_lease_owner/_until: the instance fetching the page right now (claimed with SELECT … FOR UPDATE SKIP LOCKED).
ALTER TABLE item
  ADD COLUMN article             MEDIUMTEXT    NULL,
  ADD COLUMN article_state       VARCHAR(16)   CHARACTER SET ascii NULL,
  ADD COLUMN article_rule        VARCHAR(500)  NULL,
  ADD COLUMN article_error       VARCHAR(2000) NULL,
  ADD COLUMN article_attempts    INT           NOT NULL DEFAULT 0,
  ADD COLUMN article_next_at     DATETIME(3)   NULL,
  ADD COLUMN article_fetched_at  DATETIME(3)   NULL,
  ADD COLUMN article_hold_until  DATETIME(3)   NULL,
  ADD COLUMN article_released_at DATETIME(3)   NULL,
  ADD COLUMN article_lease_owner VARCHAR(100)  CHARACTER SET ascii NULL,
  ADD COLUMN article_lease_until DATETIME(3)   NULL,
  ADD KEY ix_item_article_due (article_state, article_next_at),
  ADD KEY ix_item_article_hold (article_hold_until),
  -- A new item takes the article of a stored copy with the same canonical URL: a prefix is enough to find it.
  ADD KEY ix_item_canonical (canonical_url(255));
