package tributary.publish;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tributary.store.ItemReader;
import tributary.store.StoredItem;

/** Reads the newest stories of a category and merges the copies of each story into one Story. */
@Singleton
public class StoryAssembler {

    private final ItemReader reader;

    public StoryAssembler(ItemReader reader) {
        this.reader = reader;
    }

    /** @param categoryId null for everything */
    public List<Story> newest(Long categoryId, int limit) {
        List<String> hashes = reader.newestStories(categoryId, limit);
        Map<String, List<StoredItem>> copies = reader.copiesOf(hashes);
        List<Story> stories = new ArrayList<>(hashes.size());
        for (String hash : hashes) {
            List<StoredItem> group = copies.get(hash);
            if (group != null && !group.isEmpty()) {
                stories.add(merge(hash, group));
            }
        }
        return stories;
    }

    /** The copy of the earliest-added feed speaks for the story, so its text does not flip between sources from one render to the next. */
    static Story merge(String hash, List<StoredItem> copies) {
        StoredItem first = copies.get(0);
        Instant modified = null;
        List<StorySource> sources = new ArrayList<>();
        for (StoredItem copy : copies) {
            if (copy.modified() != null && (modified == null || copy.modified().isAfter(modified))) {
                modified = copy.modified();
            }
            StorySource source = new StorySource(copy.feedTitle(), copy.feedUrl(), copy.feedSiteUrl(), copy.url());
            if (sources.stream().noneMatch(s -> s.feedUrl().equals(source.feedUrl()))) {
                sources.add(source);
            }
        }
        return new Story(hash, first.guid(), first.url(), first.title(), first.summary(), first.content(),
                first.author(), first.tags(), first.enclosureUrl(), first.enclosureType(), first.enclosureLength(),
                first.published(), modified, List.copyOf(sources));
    }
}
