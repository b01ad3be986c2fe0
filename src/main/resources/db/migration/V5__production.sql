-- Running in production (issue 7): what retention needs to know which items are still in their feed's document.

-- When the item was last in a stored document of its feed (set with the document, in the same transaction).
-- NULL for rows stored before V5: they count as last seen when first seen.
ALTER TABLE item
  ADD COLUMN last_seen_at DATETIME(3) NULL,
  ADD KEY ix_item_seen (last_seen_at, first_seen_at);

-- When the feed's current document was stored: items whose last_seen_at equals it are in that document and are
-- never pruned. NULL until a document is stored after V5, and retention leaves such a feed's items alone.
ALTER TABLE feed ADD COLUMN document_at DATETIME(3) NULL;
