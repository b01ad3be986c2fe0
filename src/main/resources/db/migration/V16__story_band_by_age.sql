-- Story clustering's band index costs less to write (issue 19, the 15 % bound on ingest): its rows no longer follow
-- their item by a foreign key, whose check and item_id index made each of the 32 rows an item writes dearer. Rows are
-- needed only while a new item's window can reach them, so the retention job deletes them by age
-- (ItemPruner: published more than twice tributary.cluster.window ago), those of deleted items with the rest; a row
-- whose item is gone meanwhile names an id no item has, and candidates are read by id, so it is passed over.
ALTER TABLE story_band DROP FOREIGN KEY fk_story_band_item;
ALTER TABLE story_band DROP INDEX ix_story_band_item;
