-- The WebSub hub of our own outputs (issue 15, publisher side).

-- One subscriber's subscription to one of our feeds: topic is the URL exactly as the subscriber gave it (echoed in
-- verification and sent as the self link of every delivery); slug, format and base say which document it names.
-- state: pending while the first verification of intent runs, active once verified (until lease_end, after which it
-- is expired and no longer delivered to). A secret or lease renewal is written only when its verification succeeds,
-- so a failed or denied renewal leaves the active subscription as it was. queued_change_at is the newest content
-- change (feed.content_changed_at) already queued for it: every instance hears every change, and this is what keeps
-- the second hearing from queueing a second delivery.
CREATE TABLE websub_subscription (
  id                   BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  topic                VARCHAR(2048) NOT NULL,
  topic_hash           CHAR(64)      CHARACTER SET ascii NOT NULL,
  slug                 VARCHAR(100)  NOT NULL,
  format               VARCHAR(8)    CHARACTER SET ascii NOT NULL,
  base                 VARCHAR(2048) NOT NULL,
  callback             VARCHAR(2048) NOT NULL,
  callback_hash        CHAR(64)      CHARACTER SET ascii NOT NULL,
  callback_host        VARCHAR(255)  NOT NULL,
  secret               VARBINARY(199) NULL,
  state                VARCHAR(8)    CHARACTER SET ascii NOT NULL,
  lease_seconds        BIGINT        NOT NULL,
  lease_end            DATETIME(3)   NULL,
  created_at           DATETIME(3)   NOT NULL,
  queued_change_at     DATETIME(3)   NULL,
  last_delivery_at     DATETIME(3)   NULL,
  last_delivery_status VARCHAR(200)  NULL,
  failures             INT           NOT NULL DEFAULT 0,
  UNIQUE KEY uk_websub_subscription (topic_hash, callback_hash),
  KEY ix_websub_subscription_slug (slug),
  KEY ix_websub_subscription_host (callback_host)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- At most one pending delivery per subscription: a change while one waits only brings it forward (version counts
-- the changes, so a delivery that rendered before a newer change does not remove the row that newer change needs).
-- The document is rendered when the delivery is sent, never stored. lease_owner/lease_until claim it for one
-- instance (SELECT … FOR UPDATE SKIP LOCKED, as for polls); attempts drive the back-off and the give-up bound.
CREATE TABLE websub_delivery (
  subscription_id BIGINT       NOT NULL PRIMARY KEY,
  due_at          DATETIME(3)  NOT NULL,
  attempts        INT          NOT NULL DEFAULT 0,
  version         INT          NOT NULL DEFAULT 0,
  lease_owner     VARCHAR(100) CHARACTER SET ascii NULL,
  lease_until     DATETIME(3)  NULL,
  KEY ix_websub_delivery_due (due_at),
  CONSTRAINT fk_websub_delivery_subscription FOREIGN KEY (subscription_id)
    REFERENCES websub_subscription (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
