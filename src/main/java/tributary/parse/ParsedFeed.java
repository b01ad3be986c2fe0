package tributary.parse;

import java.util.List;

/**
 * A source feed document reduced to what Tributary keeps; format names what it was ("rss_2.0", "atom_1.0", "json");
 * schedule is the publisher's polling hints.
 */
public record ParsedFeed(String format, String title, String siteUrl, String description, String language,
                         List<ParsedItem> items, ParsedSchedule schedule) {

    /** A feed without polling hints (JSON Feed has none). */
    public ParsedFeed(String format, String title, String siteUrl, String description, String language,
                      List<ParsedItem> items) {
        this(format, title, siteUrl, description, language, items, ParsedSchedule.NONE);
    }
}
