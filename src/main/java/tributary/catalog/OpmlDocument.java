package tributary.catalog;

import java.util.List;

/** What an OPML subscription list holds: feeds (with the title of the outline folder they sit in) and outlines skipped. */
public record OpmlDocument(List<Feed> feeds, List<Skipped> skipped) {

    /** A feed outline; category is the enclosing folder's title, or null at the top level. */
    public record Feed(String url, String title, String category, int line) {
    }

    /** An outline that could not be taken, and why. */
    public record Skipped(int line, String reason) {
    }
}
