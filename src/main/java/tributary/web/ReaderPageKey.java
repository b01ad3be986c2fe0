package tributary.web;

import tributary.publish.CacheKey;
import tributary.store.CategoryRow;
import tributary.store.PageCursor;

/**
 * What a reader page depends on, and so its render-cache key: which page (the front page changes with every item,
 * as "all" does), the older-page cursor, the base URL of its feed links, the language, and the minute it is rendered
 * in, since its relative times ("3 phút trước") age even when no item changes; clustersOff for ?clusters=off (every
 * copy of a story cluster its own story), which the river's links carry.
 */
record ReaderPageKey(Kind kind, String slug, PageCursor before, String base, UiLanguage language, long minute,
                     boolean clustersOff) implements CacheKey {

    /** The front page (all categories) or one slug's river of news. */
    enum Kind { FRONT, RIVER }

    static ReaderPageKey front(String base, UiLanguage language, long minute, boolean clustersOff) {
        return new ReaderPageKey(Kind.FRONT, CategoryRow.ALL, null, base, language, minute, clustersOff);
    }

    @Override
    public boolean searched() {
        return false;
    }

    @Override
    public long weight() {
        return 2L * (slug.length() + base.length()) + 96;
    }
}
