package tributary.match;

import java.util.List;

/**
 * An item's searchable text (title, author, its own categories, and the plain text of its summary or content),
 * split into words and folded once so that many rules can read it cheaply. Serialized into item_search.doc.
 */
public final class MatchText {

    /** Body text past this many chars is neither matched nor indexed, so one huge item costs a bounded time. */
    public static final int MAX_BODY_CHARS = 16_000;

    private MatchText() {
    }

    /** Any argument may be null. */
    public static MatchText of(String title, String author, List<String> categories, String bodyText) {
        throw new UnsupportedOperationException("match: being written");
    }

    /** The form stored in item_search.doc, read back by {@link #deserialize}. */
    public String serialize() {
        throw new UnsupportedOperationException("match: being written");
    }

    public static MatchText deserialize(String stored) {
        throw new UnsupportedOperationException("match: being written");
    }
}
