-- Several instances on one database (issue 8).

-- The claim of a poll in flight: which instance holds the feed and until when. Set with SELECT … FOR UPDATE SKIP
-- LOCKED in a short transaction, cleared when the poll's outcome is written; a crashed instance's claims simply
-- lapse at lease_until and another instance takes the feed.
-- content_changed_at: when a poll last stored new or changed items of the feed (or retention removed some), on the
-- database's clock; every instance reads it to refresh its render cache (publish/PeerChangeWatcher).
ALTER TABLE feed
  ADD COLUMN lease_owner        VARCHAR(100) CHARACTER SET ascii NULL,
  ADD COLUMN lease_until        DATETIME(3)  NULL,
  ADD COLUMN content_changed_at DATETIME(3)  NULL,
  ADD KEY ix_feed_content_changed (content_changed_at);

-- One row: bumped by every change of the feed list or the categories (feeds.yml, admin API), in the same
-- transaction, so other instances drop their cached pages; file_hash is the feeds.yml content last reconciled, so an
-- instance that finds its file already applied by another does nothing. The row is also what serializes reconciles:
-- each one starts by locking it (a row lock, not GET_LOCK or LOCK TABLES, which Galera does not replicate).
CREATE TABLE catalog_revision (
  id         TINYINT     NOT NULL PRIMARY KEY,
  revision   BIGINT      NOT NULL,
  file_hash  CHAR(64)    CHARACTER SET ascii NULL,
  changed_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO catalog_revision (id, revision, file_hash, changed_at) VALUES (1, 0, NULL, UTC_TIMESTAMP(3));
