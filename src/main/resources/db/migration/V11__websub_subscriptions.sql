-- Our WebSub subscriptions to the hubs our sources name (issue 15, subscriber side): at most one per feed.
-- token: the unguessable last segment of the callback URL ({base}/websub/callback/{token}); secret: the hub.secret
-- pushes are signed with. state: requested (waiting for the hub's verification), active, failed, unsubscribing.
-- lease_until: when the hub's lease ends. next_action_at: when an instance looks at the row again (renew, retry, or
-- give up waiting for a verification); an instance takes a due row by moving it forward in one conditional UPDATE,
-- so several instances never send the same request twice. attempts: requests sent since the last verification.
-- renewal_token, renewal_secret: the new callback and secret a renewal asks for (WebSub 5.1.1: callbacks change when
-- subscriptions are renewed); the hub's verification of it makes them token and secret.
CREATE TABLE source_subscription (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  feed_id        BIGINT        NOT NULL,
  hub            VARCHAR(2048) NOT NULL,
  topic          VARCHAR(2048) NOT NULL,
  token          VARCHAR(64)   CHARACTER SET ascii NOT NULL,
  secret         VARCHAR(128)  CHARACTER SET ascii NOT NULL,
  renewal_token  VARCHAR(64)   CHARACTER SET ascii NULL,
  renewal_secret VARCHAR(128)  CHARACTER SET ascii NULL,
  state          VARCHAR(16)   CHARACTER SET ascii NOT NULL,
  lease_seconds  INT           NULL,
  lease_until    DATETIME(3)   NULL,
  next_action_at DATETIME(3)   NULL,
  attempts       INT           NOT NULL DEFAULT 0,
  last_error     VARCHAR(2000) NULL,
  created_at     DATETIME(3)   NOT NULL,
  UNIQUE KEY uk_source_subscription_feed (feed_id),
  UNIQUE KEY uk_source_subscription_token (token),
  UNIQUE KEY uk_source_subscription_renewal_token (renewal_token),
  KEY ix_source_subscription_due (next_action_at),
  CONSTRAINT fk_source_subscription_feed FOREIGN KEY (feed_id) REFERENCES feed (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
