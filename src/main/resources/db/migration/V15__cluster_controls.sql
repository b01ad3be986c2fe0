-- Issue 19's off-switches. category.clustering: false lists every copy of the category's outputs as its own entry
-- (grouped by COALESCE(own_story_hash, story_hash), as if never clustered); feeds.yml's `clustering:` and the admin API.
ALTER TABLE category ADD COLUMN clustering BOOLEAN NOT NULL DEFAULT TRUE;

-- Stories an admin split apart (POST /admin/clusters/{id}/split): ClusterLinker never joins two stories holding a
-- pair of these again. story_a < story_b, so a pair is one row whichever way it is asked. Rows outlive their items:
-- an item stored again (a re-import, a feed re-added) has the same story hash and stays apart.
CREATE TABLE cluster_split (
  story_a    CHAR(64) CHARACTER SET ascii NOT NULL,
  story_b    CHAR(64) CHARACTER SET ascii NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (story_a, story_b),
  KEY ix_cluster_split_b (story_b)
) ENGINE=InnoDB;

-- ?clusters=off reads a page's copies by the story each had before it moved (own_story_hash), and the admin finds a
-- cluster by an entry id shown without clusters: both by this index (the column is NULL for every unmoved item).
ALTER TABLE item ADD KEY ix_item_own_story (own_story_hash);
