package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tributary.common.PublisherDomain;

/**
 * A story cluster for the admin: its copies (GET /admin/clusters/{id}), and its split, which gives copies back the
 * stories they had before clustering moved them and remembers the pairs so that ingest never joins them again.
 */
@Singleton
public class StoryClusters {

    /**
     * One copy of a cluster. ownStory is the story it had before it joined (null for the story's own copies);
     * speaks: the copy whose text the outputs show (the earliest-added feed's, as StoryAssembler picks it).
     */
    public record Member(long itemId, long feedId, String feedTitle, String site, String title, String url,
                         Instant published, String ownStory, boolean speaks) {
    }

    /** A cluster: its story hash and copies, in the order the outputs read them. */
    public record Cluster(String story, List<Member> members) {
    }

    /** A page of the latest clusters; next: the latest joined copy of its last one, to page on (null at the end). */
    public record ClusterPage(List<Cluster> clusters, Instant next) {
    }

    /** What a split did: the stories given back, the items moved, the feeds whose pages changed, the cluster after. */
    public record Split(List<String> stories, List<Long> items, Set<Long> feeds, Cluster remaining) {
    }

    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public StoryClusters(TransactionOperations<Connection> tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The cluster a story hash names: the story itself, or when no item has that story now, the cluster holding the
     * copies whose own story it was (the entry id ?clusters=off shows). Empty when no item has either.
     */
    public Optional<Cluster> find(String hash) {
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            String story = resolve(c, hash);
            return story == null ? Optional.empty() : Optional.of(cluster(c, story));
        });
    }

    /**
     * Splits a cluster: the copies with the given ids (null: every copy that joined it) go back to the stories they
     * had, with every copy sharing that story, and each story given back is remembered apart from every other story
     * of the cluster. The feeds of every copy are marked changed, for the render caches of every instance. Ids that
     * are not copies which joined this cluster (the caller checked them against find) are passed over.
     */
    public Split split(String story, List<Long> itemIds) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Cluster before = cluster(c, story);
            Set<String> origins = new LinkedHashSet<>();
            origins.add(story);
            Set<String> chosen = new LinkedHashSet<>();
            for (Member m : before.members()) {
                if (m.ownStory() != null) {
                    origins.add(m.ownStory());
                    if (itemIds == null) {
                        chosen.add(m.ownStory());
                    }
                }
            }
            if (itemIds != null) {
                for (Member m : before.members()) {
                    if (m.ownStory() != null && itemIds.contains(m.itemId())) {
                        chosen.add(m.ownStory());
                    }
                }
            }
            List<Long> moved = new ArrayList<>();
            Set<Long> feeds = new LinkedHashSet<>();
            for (Member m : before.members()) {
                if (m.ownStory() != null && chosen.contains(m.ownStory())) {
                    moved.add(m.itemId());
                }
                // The copies that stay change too: their entry loses the others as sources.
                feeds.add(m.feedId());
            }
            if (!chosen.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE item SET story_hash = own_story_hash,"
                        + " own_story_hash = NULL WHERE story_hash = ? AND own_story_hash IN ("
                        + "?,".repeat(chosen.size() - 1) + "?)")) {
                    ps.setString(1, story);
                    int i = 2;
                    for (String s : chosen) {
                        ps.setString(i++, s);
                    }
                    ps.executeUpdate();
                }
                ClusterSplits.remember(c, chosen, origins, UtcTimes.toColumn(clock.instant()));
                try (PreparedStatement ps = c.prepareStatement("UPDATE feed SET content_changed_at = UTC_TIMESTAMP(3)"
                        + " WHERE id IN (" + "?,".repeat(feeds.size() - 1) + "?)")) {
                    int i = 1;
                    for (long feed : feeds) {
                        ps.setLong(i++, feed);
                    }
                    ps.executeUpdate();
                }
            }
            return new Split(List.copyOf(chosen), moved, feeds, cluster(c, story));
        });
    }

    /**
     * The clusters whose newest joined copy is the newest, at most limit of them, older than before when it is given
     * (the next of the page before). Read from the copies that joined (ix_item_own_story): one statement for the list,
     * one per cluster for its copies.
     */
    public ClusterPage latest(int limit, Instant before) {
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            List<String> stories = new ArrayList<>();
            Instant last = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT story_hash, MAX(published_at) AS latest FROM item"
                    + " WHERE own_story_hash IS NOT NULL GROUP BY story_hash"
                    + (before == null ? "" : " HAVING latest < ?") + " ORDER BY latest DESC, story_hash LIMIT ?")) {
                int i = 1;
                if (before != null) {
                    ps.setObject(i++, UtcTimes.toColumn(before));
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stories.add(rs.getString(1));
                        last = UtcTimes.fromColumn(rs.getObject(2, LocalDateTime.class));
                    }
                }
            }
            List<Cluster> clusters = new ArrayList<>(stories.size());
            for (String story : stories) {
                clusters.add(cluster(c, story));
            }
            return new ClusterPage(clusters, stories.size() == limit ? last : null);
        });
    }

    private static String resolve(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT story_hash FROM item WHERE story_hash = ? LIMIT 1")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT story_hash FROM item WHERE own_story_hash = ? LIMIT 1")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The copies of a story, by feed then id as ItemReader.copiesOf reads them; a held copy does not speak. */
    private Cluster cluster(Connection c, String story) throws SQLException {
        List<Member> members = new ArrayList<>();
        LocalDateTime now = UtcTimes.toColumn(clock.instant());
        try (PreparedStatement ps = c.prepareStatement("SELECT i.id, i.feed_id, COALESCE(f.title_override, f.title),"
                + " i.url, i.title, i.published_at, i.own_story_hash,"
                + " (i.article_hold_until IS NULL OR i.article_hold_until <= ?) FROM item i JOIN feed f ON f.id = i.feed_id"
                + " WHERE i.story_hash = ? ORDER BY i.feed_id, i.id")) {
            ps.setObject(1, now);
            ps.setString(2, story);
            try (ResultSet rs = ps.executeQuery()) {
                boolean spoken = false;
                while (rs.next()) {
                    boolean speaks = !spoken && rs.getBoolean(8);
                    spoken |= speaks;
                    members.add(new Member(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            PublisherDomain.of(rs.getString(4)), rs.getString(5), rs.getString(4),
                            UtcTimes.fromColumn(rs.getObject(6, LocalDateTime.class)), rs.getString(7), speaks));
                }
            }
        }
        return new Cluster(story, members);
    }
}
