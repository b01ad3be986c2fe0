-- Story clustering's band index moves into the JVM (issue 19, the 15 % bound on ingest: writing 32 rows per item and
-- reading ~50 index ranges per poll were most of what clustering cost MariaDB). Each instance holds the keys of the
-- items of the window in memory (cluster.BandIndex, store.ClusterIndex), rebuilt from the stored items at start-up and
-- kept up to date with what other instances store by reading new item ids, so nothing reads or writes this table now.
DROP TABLE IF EXISTS story_band;
