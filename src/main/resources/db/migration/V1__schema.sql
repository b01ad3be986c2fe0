-- Times are UTC, stored as DATETIME(3) so they survive past 2038 and never shift with a session time zone.

CREATE TABLE category (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug        VARCHAR(100) NOT NULL,
  title       VARCHAR(255) NOT NULL,
  description VARCHAR(1000) NULL,
  origin      VARCHAR(8)   NOT NULL DEFAULT 'file',
  position    INT          NOT NULL DEFAULT 0,
  created_at  DATETIME(3)  NOT NULL,
  UNIQUE KEY uk_category_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE feed (
  id                   BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  url                  VARCHAR(2048) NOT NULL,
  url_hash             CHAR(64)      CHARACTER SET ascii NOT NULL,
  title_override       VARCHAR(500)  NULL,
  title                VARCHAR(500)  NULL,
  site_url             VARCHAR(2048) NULL,
  description          VARCHAR(2000) NULL,
  language             VARCHAR(35)   NULL,
  interval_seconds     INT           NULL,
  enabled              BOOLEAN       NOT NULL DEFAULT TRUE,
  origin               VARCHAR(8)    NOT NULL DEFAULT 'file',
  source_line          INT           NULL,
  etag                 VARCHAR(500)  NULL,
  last_modified        VARCHAR(100)  NULL,
  next_poll_at         DATETIME(3)   NULL,
  last_polled_at       DATETIME(3)   NULL,
  last_success_at      DATETIME(3)   NULL,
  last_status          INT           NULL,
  last_error           VARCHAR(2000) NULL,
  consecutive_failures INT           NOT NULL DEFAULT 0,
  created_at           DATETIME(3)   NOT NULL,
  UNIQUE KEY uk_feed_url (url_hash),
  KEY ix_feed_due (enabled, next_poll_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE feed_category (
  feed_id     BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  PRIMARY KEY (feed_id, category_id),
  KEY ix_feed_category_category (category_id),
  CONSTRAINT fk_feed_category_feed FOREIGN KEY (feed_id) REFERENCES feed (id) ON DELETE CASCADE,
  CONSTRAINT fk_feed_category_category FOREIGN KEY (category_id) REFERENCES category (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- identity_hash: the item within its feed (guid, else canonical link, else title+date+content).
-- story_hash: the article across feeds (canonical link, else the identity), what merged outputs group by.
CREATE TABLE item (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  feed_id          BIGINT        NOT NULL,
  identity_hash    CHAR(64)      CHARACTER SET ascii NOT NULL,
  story_hash       CHAR(64)      CHARACTER SET ascii NOT NULL,
  content_hash     CHAR(64)      CHARACTER SET ascii NOT NULL,
  guid             VARCHAR(2048) NULL,
  url              VARCHAR(2048) NULL,
  canonical_url    VARCHAR(2048) NULL,
  title            VARCHAR(1000) NULL,
  summary          MEDIUMTEXT    NULL,
  content          MEDIUMTEXT    NULL,
  author           VARCHAR(500)  NULL,
  tags             VARCHAR(2000) NULL,
  enclosure_url    VARCHAR(2048) NULL,
  enclosure_type   VARCHAR(200)  NULL,
  enclosure_length BIGINT        NULL,
  published_at     DATETIME(3)   NOT NULL,
  first_seen_at    DATETIME(3)   NOT NULL,
  modified_at      DATETIME(3)   NULL,
  UNIQUE KEY uk_item_identity (feed_id, identity_hash),
  KEY ix_item_published (published_at, id),
  KEY ix_item_feed_published (feed_id, published_at),
  KEY ix_item_story (story_hash),
  CONSTRAINT fk_item_feed FOREIGN KEY (feed_id) REFERENCES feed (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
