package tributary.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tributary.support.Database;
import tributary.support.FeedsYml;

/**
 * A story holds one copy per publisher and at most ClusterLinker.MAX_STORY_COPIES copies: a join reads the story's
 * copies, so a full story counts as holding every site and takes no more. Real MariaDB.
 */
@MicronautTest(transactional = false)
class StoryCopiesBoundTest implements TestPropertyProvider {

    private static final String STORY = "5".repeat(64);

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.poll.scheduler-enabled", "false");
    }

    @BeforeEach
    void aFeed() {
        db.clear();
        db.update("INSERT INTO feed (url, url_hash, origin, created_at) VALUES (?, ?, 'file', UTC_TIMESTAMP())",
                "https://feed.example/rss", "f".repeat(64));
    }

    /** count copies of STORY, each from its own site (site0.example, site1.example…). */
    private void copies(int count) {
        for (int i = 0; i < count; i++) {
            String identity = String.format("%064x", i + 1);
            db.update("INSERT INTO item (feed_id, identity_hash, story_hash, content_hash, url, published_at, first_seen_at)"
                    + " SELECT id, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM feed",
                    identity, STORY, identity, "https://site" + i + ".example/a.html");
        }
    }

    private boolean hasSite(String site) {
        return tx.executeRead(status -> ClusterLinker.storyHasSite(status.getConnection(), STORY, site));
    }

    @Test
    void aStoryBelowTheBoundTakesANewPublisherButNotASecondCopyOfOne() {
        copies(ClusterLinker.MAX_STORY_COPIES - 1);
        assertFalse(hasSite("new.example"));
        assertTrue(hasSite("site3.example"));
    }

    @Test
    void aFullStoryTakesNoFurtherCopy() {
        copies(ClusterLinker.MAX_STORY_COPIES);
        assertTrue(hasSite("new.example"), "at the bound a story counts as holding every site");
    }

    @Test
    void aStoryMovedInTheSameBatchIsReadAgainWithItsNewCopies() {
        copies(2);
        String other = "6".repeat(64);
        db.update("INSERT INTO item (feed_id, identity_hash, story_hash, content_hash, url, published_at, first_seen_at)"
                + " SELECT id, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM feed",
                "9".repeat(64), other, "9".repeat(64), "https://moved.example/b.html");
        tx.executeWrite(status -> {
            StoryCopies copies = new StoryCopies(status.getConnection());
            assertFalse(copies.hasSite(STORY, "moved.example"));
            try (var ps = status.getConnection().prepareStatement("UPDATE item SET story_hash = ? WHERE story_hash = ?")) {
                ps.setString(1, STORY);
                ps.setString(2, other);
                ps.executeUpdate();
            }
            copies.moved(other, STORY);
            // Kept from before the move, the answer would still be false: a second copy of moved.example could join.
            assertTrue(copies.hasSite(STORY, "moved.example"));
            return null;
        });
    }
}
