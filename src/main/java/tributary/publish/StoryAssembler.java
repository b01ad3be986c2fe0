package tributary.publish;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tributary.store.ItemReader;
import tributary.store.PageCursor;
import tributary.store.StoredItem;
import tributary.store.StoryFilter;
import tributary.store.StoryPage;

/** Reads a page of the newest stories of a category and merges the copies of each story into one Story. */
@Singleton
public class StoryAssembler {

    /** A page of stories and where the next one starts (null on the last page). */
    public record Page(List<Story> stories, PageCursor next) {
    }

    private final ItemReader reader;

    public StoryAssembler(ItemReader reader) {
        this.reader = reader;
    }

    /**
     * @param categoryId null for everything
     * @param before     null for the first page
     */
    public Page page(Long categoryId, int limit, PageCursor before) {
        return page(StoryFilter.of(categoryId), limit, before);
    }

    /** A page of the stories filter selects (categories, date floor, test of each copy). */
    public Page page(StoryFilter filter, int limit, PageCursor before) {
        StoryPage page = reader.newestStories(filter, limit, before);
        Map<String, List<StoredItem>> copies = reader.copiesOf(page.storyHashes(), filter.unclustered());
        List<Story> stories = new ArrayList<>(page.storyHashes().size());
        for (String hash : page.storyHashes()) {
            List<StoredItem> group = copies.get(hash);
            if (group != null && !group.isEmpty()) {
                stories.add(merge(hash, group));
            }
        }
        return new Page(stories, page.next());
    }

    /**
     * The copy of the earliest-added feed speaks for the story, so its text does not flip between sources from one
     * render to the next. Where a copy carries the article from the page (full text), the story's content is that
     * article (the first such copy's) and its summary the feed's own text: its summary, else its content.
     */
    static Story merge(String hash, List<StoredItem> copies) {
        StoredItem first = copies.get(0);
        String article = null;
        for (StoredItem copy : copies) {
            if (copy.article() != null) {
                article = copy.article();
                break;
            }
        }
        String summary = article == null || first.summary() != null ? first.summary() : first.content();
        String content = article != null ? article : first.content();
        Instant modified = null;
        Instant changed = null;
        List<StorySource> sources = new ArrayList<>();
        // By feed id, not URL: two feeds may differ only in a secret the redacted URLs no longer show.
        Set<Long> feeds = new HashSet<>();
        for (StoredItem copy : copies) {
            modified = latest(modified, copy.modified());
            changed = latest(latest(changed, copy.firstSeen()), copy.modified());
            if (feeds.add(copy.feedId())) {
                sources.add(new StorySource(copy.feedTitle(), copy.feedUrl(), copy.feedSiteUrl(), copy.url(),
                        copy.feedUpdated() != null ? copy.feedUpdated() : copy.firstSeen()));
            }
        }
        return new Story(hash, first.guid(), first.url(), first.title(), summary, content,
                first.author(), first.tags(), first.enclosureUrl(), first.enclosureType(), first.enclosureLength(),
                first.published(), modified, changed, List.copyOf(sources));
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
