-- Story clustering across publishers (issue 19). story_band holds the MinHash band keys of each item's title and
-- summary: a new item's candidates are the items sharing a key within the window, found by this index instead of
-- by comparing with every stored item. Rows go with their item (retention deletes both).
CREATE TABLE story_band (
  band_key     BIGINT      NOT NULL,
  published_at DATETIME(3) NOT NULL,
  item_id      BIGINT      NOT NULL,
  PRIMARY KEY (band_key, published_at, item_id),
  KEY ix_story_band_item (item_id),
  CONSTRAINT fk_story_band_item FOREIGN KEY (item_id) REFERENCES item (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- own_story_hash: the story an item had before clustering moved it into another publisher's story (null when it
-- never moved), so that a story can be given back its copies (?clusters=off, an admin split).
ALTER TABLE item ADD COLUMN own_story_hash CHAR(64) CHARACTER SET ascii NULL AFTER story_hash;
