package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tributary.cluster.BandIndex;
import tributary.cluster.ClusterConfig;
import tributary.cluster.FeatureCache;
import tributary.config.ClusteringConfig;
import tributary.match.IndexTerms;
import tributary.match.MatchText;
import tributary.normalize.NormalizedItem;

/**
 * Stores a feed's items idempotently: new ones inserted, changed ones updated in place, unchanged ones untouched;
 * items written then join a stored story by canonical URL, else by same title on the same site (StoryLinker).
 * New items of a full-text feed that have a link are inserted with their article pending, held back until a time;
 * an update never touches the article columns, so a changed item keeps its article and is not fetched again.
 */
@Singleton
public class ItemStore {

    private static final int CHUNK = 500;

    private static final String INSERT = "INSERT INTO item (feed_id, identity_hash, story_hash, site_title_key, content_hash,"
            + " guid, url, canonical_url, title, summary, content, author, tags, enclosure_url, enclosure_type,"
            + " enclosure_length, published_at, first_seen_at, last_seen_at, article_state, article_hold_until) VALUES ";
    private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ON_DUPLICATE = " ON DUPLICATE KEY UPDATE id = id";
    /** For the fallback's multi-row statements: rows and characters of text each, far below max_allowed_packet. */
    private static final int INSERT_ROWS = 100;
    private static final long INSERT_CHARS = 2_000_000;

    /**
     * A changed item: a copy that clustering moved into another publisher's story stays there while its own story is
     * the same (an edited headline is still the same event), else it goes back to the story its URL gives. MariaDB
     * assigns left to right, so story_hash reads own_story_hash as just set.
     */
    private static final String UPDATE = """
            UPDATE item SET own_story_hash = IF(COALESCE(own_story_hash, story_hash) = ?, own_story_hash, NULL),
              story_hash = IF(own_story_hash IS NULL, ?, story_hash), site_title_key = ?, content_hash = ?, guid = ?, url = ?, canonical_url = ?, title = ?, summary = ?,
              content = ?, author = ?, tags = ?, enclosure_url = ?, enclosure_type = ?, enclosure_length = ?,
              published_at = COALESCE(?, published_at), modified_at = ?, last_seen_at = ?
            WHERE feed_id = ? AND identity_hash = ?""";

    /** An item's search text, replaced whenever the item is written (item_search, see V12). */
    private static final String SEARCH = "INSERT INTO item_search (item_id, doc, terms) SELECT id, ?, ? FROM item"
            + " WHERE feed_id = ? AND identity_hash = ? ON DUPLICATE KEY UPDATE doc = VALUES(doc), terms = VALUES(terms)";

    private final TransactionOperations<Connection> tx;
    private final ClusteringConfig clustering;
    /** Stored items' clustering features, kept across batches: one per store, bounded by the setting. */
    private final FeatureCache features;
    private final SearchWords words;
    /** Clustering's band index, in memory (null when clustering is off): one per store, bounded by the setting. */
    private final ClusterIndex bands;

    public ItemStore(TransactionOperations<Connection> tx, ClusteringConfig clustering, SearchWords words) {
        this.tx = tx;
        this.clustering = clustering;
        this.words = words;
        this.features = new FeatureCache(clustering.featureCache());
        this.bands = clustering.enabled() ? new ClusterIndex(new BandIndex(clustering.indexItems(),
                ClusterConfig.DEFAULTS.perKey()), clustering.window().multipliedBy(2), features) : null;
    }

    /** Upserts items of one feed in one transaction; a repeated identity within the document counts once. */
    public UpsertResult upsert(long feedId, List<NormalizedItem> items, Instant now) {
        return upsert(feedId, items, now, null);
    }

    /**
     * As upsert, for a full-text feed when holdUntil is given: its new items with a link get their article pending
     * and stay out of published outputs until holdUntil (or until their article arrives, whichever is first).
     */
    public UpsertResult upsert(long feedId, List<NormalizedItem> items, Instant now, Instant holdUntil) {
        return upsert(feedId, items, now, holdUntil, Map.of());
    }

    /**
     * As upsert, with the search texts the caller already has (ingest reads them for the feed's rules), by identity
     * hash; an item without one gets it read here.
     */
    public UpsertResult upsert(long feedId, List<NormalizedItem> items, Instant now, Instant holdUntil,
                               Map<String, MatchText> texts) {
        Map<String, NormalizedItem> byIdentity = new LinkedHashMap<>();
        for (NormalizedItem item : items) {
            byIdentity.putIfAbsent(item.identityHash(), item);
        }
        if (byIdentity.isEmpty()) {
            return new UpsertResult(0, 0, 0);
        }
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Map<String, String> existing = existingContentHashes(c, feedId, new ArrayList<>(byIdentity.keySet()));
            List<NormalizedItem> fresh = new ArrayList<>();
            List<NormalizedItem> changed = new ArrayList<>();
            for (NormalizedItem item : byIdentity.values()) {
                String stored = existing.get(item.identityHash());
                if (stored == null) {
                    fresh.add(item);
                } else if (!stored.equals(item.contentHash())) {
                    changed.add(item);
                }
            }
            insert(c, feedId, fresh, now, holdUntil);
            update(c, feedId, changed, now);
            List<NormalizedItem> writes = new ArrayList<>(fresh);
            writes.addAll(changed);
            words.add(c, status, index(c, feedId, writes, texts));
            ClusterLinker.Indexed indexed = bands != null
                    ? ClusterLinker.index(c, feedId, fresh, now, features, bands.bands()) : ClusterLinker.Indexed.NONE;
            if (!writes.isEmpty()) {
                // After the commit of the outermost transaction (a caller may wrap this one), so a section feed polled
                // at the same moment on another worker is visible to whichever of the two links last.
                status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        // The new items' keys were added pending: from now on other batches' look-ups see them.
                        if (bands != null) {
                            bands.bands().commit(indexed.ids());
                        }
                        tx.executeWrite(linking -> {
                            int linked = StoryLinker.link(linking.getConnection(), feedId, writes, now);
                            return bands == null ? linked : linked + ClusterLinker.link(linking.getConnection(),
                                    indexed, clustering.window(), clustering.maxCandidates(), features, bands, now);
                        });
                    }

                    @Override
                    public void afterCompletion(Status completion) {
                        if (bands != null && completion == Status.ROLLED_BACK) {
                            bands.bands().remove(indexed.ids());
                        }
                    }
                });
            }
            int queued = holdUntil == null ? 0 : (int) fresh.stream().filter(i -> i.url() != null).count();
            return new UpsertResult(fresh.size(), changed.size(), byIdentity.size() - fresh.size() - changed.size(),
                    queued);
        });
    }

    private static Map<String, String> existingContentHashes(Connection c, long feedId, List<String> identities)
            throws SQLException {
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < identities.size(); from += CHUNK) {
            List<String> chunk = identities.subList(from, Math.min(identities.size(), from + CHUNK));
            String sql = "SELECT identity_hash, content_hash FROM item WHERE feed_id = ? AND identity_hash IN ("
                    + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, feedId);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return found;
    }

    /**
     * New rows as one batch of a plain INSERT, which the driver sends with MariaDB's bulk protocol (one round trip, the
     * values in binary, the statement parsed once); that protocol does not take ON DUPLICATE KEY UPDATE. Should another
     * poll of the same feed have stored one of these rows since the look-up (a duplicate key), the rows go again with
     * ON DUPLICATE KEY UPDATE id = id, which keeps the stored ones as they are (counted as inserted by both).
     */
    private static void insert(Connection c, long feedId, List<NormalizedItem> items, Instant now, Instant hold)
            throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT + INSERT_ROW)) {
            for (NormalizedItem item : items) {
                bindRow(ps, 1, feedId, item, now, hold);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            if (!DuplicateKey.in(e)) {
                throw e;
            }
            insertOrKeep(c, feedId, items, now, hold);
        }
    }

    /** Multi-row INSERT … ON DUPLICATE KEY UPDATE id = id, in statements of at most INSERT_ROWS rows. */
    private static void insertOrKeep(Connection c, long feedId, List<NormalizedItem> items, Instant now, Instant hold)
            throws SQLException {
        int from = 0;
        while (from < items.size()) {
            int to = from;
            long chars = 0;
            while (to < items.size() && to - from < INSERT_ROWS && (to == from || chars < INSERT_CHARS)) {
                chars += textLength(items.get(to));
                to++;
            }
            List<NormalizedItem> rows = items.subList(from, to);
            String sql = INSERT + (INSERT_ROW + ", ").repeat(rows.size() - 1) + INSERT_ROW + ON_DUPLICATE;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (NormalizedItem item : rows) {
                    i = bindRow(ps, i, feedId, item, now, hold);
                }
                ps.executeUpdate();
            }
            from = to;
        }
    }

    /** Binds one new row from parameter start on; answers the next free parameter. */
    private static int bindRow(PreparedStatement ps, int start, long feedId, NormalizedItem item, Instant now,
                               Instant hold) throws SQLException {
        int i = start;
        ps.setLong(i++, feedId);
        ps.setString(i++, item.identityHash());
        ps.setString(i++, item.storyHash());
        ps.setString(i++, item.siteTitleKey());
        ps.setString(i++, item.contentHash());
        i = setFields(ps, i, item);
        ps.setObject(i++, UtcTimes.toColumn(item.published() != null ? item.published() : now));
        ps.setObject(i++, UtcTimes.toColumn(now));
        // In the document now: the sighting FeedPoller records next then finds nothing to change in this row.
        ps.setObject(i++, UtcTimes.toColumn(now));
        // Without a link there is no page to fetch: such an item of a full-text feed is published as it came.
        boolean pending = hold != null && item.url() != null;
        ps.setString(i++, pending ? ArticleState.PENDING.column() : null);
        ps.setObject(i++, pending ? UtcTimes.toColumn(hold) : null);
        return i;
    }

    private static long textLength(NormalizedItem item) {
        return (item.summary() == null ? 0 : item.summary().length()) + (item.content() == null ? 0 : item.content().length());
    }

    /**
     * Writes the search text of each item just stored, in the same transaction as the item; answers the items' words
     * for the vocabulary (SearchWords).
     */
    private static Set<String> index(Connection c, long feedId, List<NormalizedItem> items,
                                     Map<String, MatchText> texts) throws SQLException {
        Set<String> found = new HashSet<>();
        if (items.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(SEARCH)) {
            for (NormalizedItem item : items) {
                MatchText text = texts.get(item.identityHash());
                if (text == null) {
                    text = ItemTexts.of(item);
                }
                ps.setString(1, text.serialize());
                ps.setString(2, IndexTerms.of(text));
                ps.setLong(3, feedId);
                ps.setString(4, item.identityHash());
                ps.addBatch();
                found.addAll(IndexTerms.words(text));
            }
            ps.executeBatch();
        }
        return found;
    }

    private static void update(Connection c, long feedId, List<NormalizedItem> items, Instant now) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (NormalizedItem item : items) {
                int i = 1;
                ps.setString(i++, item.storyHash());
                ps.setString(i++, item.storyHash());
                ps.setString(i++, item.siteTitleKey());
                ps.setString(i++, item.contentHash());
                i = setFields(ps, i, item);
                ps.setObject(i++, UtcTimes.toColumn(item.published()));
                ps.setObject(i++, UtcTimes.toColumn(now));
                ps.setObject(i++, UtcTimes.toColumn(now));
                ps.setLong(i++, feedId);
                ps.setString(i, item.identityHash());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The columns from guid to enclosure_length, shared by insert and update. */
    private static int setFields(PreparedStatement ps, int start, NormalizedItem item) throws SQLException {
        int i = start;
        ps.setString(i++, Columns.fit(item.guid(), 2048));
        ps.setString(i++, Columns.fit(item.url(), 2048));
        ps.setString(i++, Columns.fit(item.canonicalUrl(), 2048));
        ps.setString(i++, Columns.fit(item.title(), 1000));
        ps.setString(i++, item.summary());
        ps.setString(i++, item.content());
        ps.setString(i++, Columns.fit(item.author(), 500));
        ps.setString(i++, item.tags().isEmpty() ? null : Columns.fit(String.join("\n", item.tags()), 2000));
        ps.setString(i++, Columns.fit(item.enclosureUrl(), 2048));
        ps.setString(i++, Columns.fit(item.enclosureType(), 200));
        if (item.enclosureLength() == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, item.enclosureLength());
        }
        return i;
    }
}
