package tributary.store;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tributary.match.IndexFilter;
import tributary.match.MatchText;

/**
 * What a page asks of its stories besides where they are: the categories to look in, a floor on the published date,
 * and a test of each stored copy (a query, categories' block rules). A story is on the page when one of its copies
 * in those categories passes; it stands where its newest passing copy stands.
 *
 * @param categoryIds the categories to look in; null for every item
 * @param since       only items published at or after it; null for no floor
 * @param test        the test each copy must pass; null for none (then the plain walk runs)
 * @param indexFilter the index tokens every passing copy's item_search.terms holds (match.Query#indexFilter), used
 *                    to find rare matches without reading every row; null when none
 * @param scanRows    the rows read as they come before the walk asks the index (a common term fills the page among
 *                    the newest rows sooner than the index could list its every match; tributary.publish.query-scan-rows)
 * @param maxRows     the most rows one page reads while testing copies: past it the page ends where the walk got to,
 *                    with a next link, so no request reads the whole table (tributary.publish.query-max-rows)
 * @param timeBudget  the most time one page spends testing copies, then it ends likewise (a regex over long texts
 *                    costs more per row than a word; tributary.publish.query-time-budget); null for none
 * @param unclustered every copy a story cluster took from another publisher is its own story again (its
 *                    own_story_hash): ?clusters=off, or a category with clustering false
 */
public record StoryFilter(@Nullable List<Long> categoryIds, @Nullable Instant since, @Nullable CopyTest test,
                          @Nullable IndexFilter indexFilter, int scanRows, int maxRows, @Nullable Duration timeBudget,
                          boolean unclustered) {

    public StoryFilter(@Nullable List<Long> categoryIds, @Nullable Instant since, @Nullable CopyTest test,
                       @Nullable IndexFilter indexFilter, int scanRows, int maxRows, @Nullable Duration timeBudget) {
        this(categoryIds, since, test, indexFilter, scanRows, maxRows, timeBudget, false);
    }

    /** Decides whether a stored copy counts; runs on a reader thread for every row the walk reads. */
    @FunctionalInterface
    public interface CopyTest {
        boolean accepts(long feedId, MatchText text);
    }

    public StoryFilter {
        categoryIds = categoryIds == null ? null : List.copyOf(categoryIds);
    }

    /** Every story of the categories (null: of everything), as the plain feeds list them. */
    public static StoryFilter of(@Nullable Long categoryId) {
        return new StoryFilter(categoryId == null ? null : List.of(categoryId), null, null, null, 0, Integer.MAX_VALUE,
                null);
    }
}
