package tributary.parse;

import java.util.List;

/**
 * A source feed document reduced to what Tributary keeps; format names what it was ("rss_2.0", "atom_1.0", "json");
 * schedule is the publisher's polling hints; itemsInDocument counts the items the document held, of which only the
 * first tributary.fetch.max-items were read into items; links are the WebSub hub and self it declares.
 */
public record ParsedFeed(String format, String title, String siteUrl, String description, String language,
                         List<ParsedItem> items, ParsedSchedule schedule, int itemsInDocument, FeedLinks links) {

    /** A feed read whole. */
    public ParsedFeed(String format, String title, String siteUrl, String description, String language,
                      List<ParsedItem> items, ParsedSchedule schedule) {
        this(format, title, siteUrl, description, language, items, schedule, items.size(), FeedLinks.NONE);
    }

    /** A feed without polling hints (JSON Feed has none), read whole. */
    public ParsedFeed(String format, String title, String siteUrl, String description, String language,
                      List<ParsedItem> items) {
        this(format, title, siteUrl, description, language, items, ParsedSchedule.NONE);
    }
}
