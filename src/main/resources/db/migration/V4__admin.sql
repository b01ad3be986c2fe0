-- Where each file-managed category starts in feeds.yml, for "managed by feeds.yml (line N)" answers.
ALTER TABLE category ADD COLUMN source_line INT NULL AFTER origin;

-- A removed feed keeps its items (they stay in merged outputs) until retention or a purge; it is no longer polled.
ALTER TABLE feed ADD COLUMN deleted_at DATETIME(3) NULL AFTER origin;
