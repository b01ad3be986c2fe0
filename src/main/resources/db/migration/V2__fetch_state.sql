-- Polite fetching (issue 3): body hash for servers without validators, gone feeds, permanent-redirect tracking,
-- the publisher's own schedule, and a state derived from the columns so it can never disagree with them.

ALTER TABLE feed
  -- SHA-256 of the last stored document: the same bytes again count as not modified.
  ADD COLUMN body_hash                  CHAR(64)      CHARACTER SET ascii NULL AFTER last_modified,
  -- Set by a 410 answer; a gone feed is not polled until an admin re-enables it.
  ADD COLUMN gone_at                    DATETIME(3)   NULL,
  -- url is what we poll; url_hash stays the key of the URL the admin wrote, so feeds.yml still finds the row.
  ADD COLUMN previous_url               VARCHAR(2048) NULL,
  ADD COLUMN url_changed_at             DATETIME(3)   NULL,
  -- The permanent redirect target seen on redirect_count successive polls; rewritten into url at 3.
  ADD COLUMN redirect_url               VARCHAR(2048) NULL,
  ADD COLUMN redirect_count             INT           NOT NULL DEFAULT 0,
  -- The feed's own floor from RSS ttl or sy:updatePeriod/sy:updateFrequency, and its skipHours (GMT) / skipDays.
  ADD COLUMN publisher_interval_seconds INT           NULL,
  ADD COLUMN skip_hours                 VARCHAR(100)  CHARACTER SET ascii NULL,
  ADD COLUMN skip_days                  VARCHAR(100)  CHARACTER SET ascii NULL,
  ADD COLUMN state                      VARCHAR(16)   CHARACTER SET ascii AS (CASE
      WHEN enabled = FALSE THEN 'disabled'
      WHEN gone_at IS NOT NULL THEN 'gone'
      WHEN consecutive_failures > 0 THEN 'backing-off'
      ELSE 'active' END) VIRTUAL;
