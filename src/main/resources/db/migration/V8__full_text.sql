-- Full text (feeds.yml full_text, full_text_selector, full_text_remove): whether each new item's page is fetched and
-- its article published, the CSS selector of the article body (null: the site's built-in rule, else the readability
-- heuristic), and the selectors dropped from it, one per line.
ALTER TABLE feed
  ADD COLUMN full_text BOOLEAN NOT NULL DEFAULT FALSE AFTER zone,
  ADD COLUMN full_text_selector VARCHAR(500) NULL AFTER full_text,
  ADD COLUMN full_text_remove TEXT NULL AFTER full_text_selector;
