-- The zone a feed's zoneless dates are written in, when the admin names one (feeds.yml `zone:`); null: the rules of
-- tributary.normalize.* (host zones, Vietnamese sites, default).
ALTER TABLE feed ADD COLUMN zone VARCHAR(64) CHARACTER SET ascii NULL AFTER interval_seconds;
