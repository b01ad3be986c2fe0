-- site_title_key: SHA-256 of (site host, NFC case-folded title). Where links differ, the same title from the same
-- site within 48 hours is the same story: a new item adopts the story_hash of such a row (see store/StoryMatcher).
ALTER TABLE item
  ADD COLUMN site_title_key CHAR(64) CHARACTER SET ascii NULL AFTER story_hash,
  ADD KEY ix_item_site_title (site_title_key, published_at);
