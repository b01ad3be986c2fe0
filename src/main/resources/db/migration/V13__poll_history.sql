-- Admin console (issue 18): one row per poll, for the health strips and the fleet chart, and the time of a feed's
-- last failed poll (kept after it recovers, so the list can sort by it).
-- Bounded by the retention job: the newest tributary.retention.poll-history-per-feed rows per feed, none older than
-- tributary.retention.poll-history-days. A primary key of its own and only row-level writes: Galera replicates it.

CREATE TABLE poll_history (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  feed_id     BIGINT       NOT NULL,
  started_at  DATETIME(3)  NOT NULL,
  -- PollOutcome.Result's labels, as in tributary_polls_total{outcome}: ok, not-modified, error, gone, rate-limited.
  outcome     VARCHAR(16)  CHARACTER SET ascii NOT NULL,
  http_status SMALLINT     NULL,
  duration_ms INT          NOT NULL,
  items_new   INT          NOT NULL DEFAULT 0,
  error       VARCHAR(500) NULL,
  -- A feed's strip (newest first) and the per-feed cap.
  KEY ix_poll_history_feed (feed_id, started_at),
  -- The fleet chart (the last 24 hours by outcome) and the age limit.
  KEY ix_poll_history_started (started_at, outcome),
  CONSTRAINT fk_poll_history_feed FOREIGN KEY (feed_id) REFERENCES feed (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE feed
  ADD COLUMN last_error_at DATETIME(3) NULL,
  -- The console's list sorts by failures and by the last error; its other filters scan the feed table (10,000 rows
  -- in a few milliseconds).
  ADD KEY ix_feed_failures (consecutive_failures),
  ADD KEY ix_feed_last_error (last_error_at);
