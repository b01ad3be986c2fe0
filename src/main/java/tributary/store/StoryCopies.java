package tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tributary.common.PublisherDomain;

/**
 * What one linking transaction has read of items' stories and of stories' sites, so a batch asks once per item and
 * once per story, not once per join: the items of one feed poll mostly meet the same few stories. A move this
 * transaction makes is applied to what it knows (the rows it moved now have the other story; that story's sites are
 * read again when asked).
 */
final class StoryCopies {

    /** A story's publishers, and whether it holds ClusterLinker.MAX_STORY_COPIES copies (it takes no more). */
    private record Sites(Set<String> sites, boolean full) {
    }

    private final Connection c;
    private final Map<Long, String> stories = new HashMap<>();
    private final Map<String, Sites> sites = new HashMap<>();

    StoryCopies(Connection c) {
        this.c = c;
    }

    /** Notes an item's story as just read. */
    void noteStory(long itemId, String story) {
        stories.put(itemId, story);
    }

    /** An item's story as stored now (as this transaction sees it); null when the item is gone. */
    String story(long itemId) throws SQLException {
        if (stories.containsKey(itemId)) {
            return stories.get(itemId);
        }
        String story = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT story_hash FROM item WHERE id = ?")) {
            ps.setLong(1, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    story = rs.getString(1);
                }
            }
        }
        stories.put(itemId, story);
        return story;
    }

    /** Whether the story holds a copy of site, or is full (then a newcomer stays its own entry, as if it held it). */
    boolean hasSite(String story, String site) throws SQLException {
        Sites known = sites.get(story);
        if (known == null) {
            known = read(story);
            sites.put(story, known);
        }
        return known.full() || known.sites().contains(site);
    }

    /** Every copy of story from now has story into. */
    void moved(String from, String into) {
        stories.replaceAll((id, story) -> from.equals(story) ? into : story);
        sites.remove(from);
        sites.remove(into);
    }

    private Sites read(String story) throws SQLException {
        Set<String> found = new HashSet<>();
        int copies = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT url FROM item WHERE story_hash = ? LIMIT "
                + ClusterLinker.MAX_STORY_COPIES)) {
            ps.setString(1, story);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    copies++;
                    String site = PublisherDomain.of(rs.getString(1));
                    if (site != null) {
                        found.add(site);
                    }
                }
            }
        }
        return new Sites(found, copies >= ClusterLinker.MAX_STORY_COPIES);
    }
}
