package tributary.parse;

import java.util.List;

/** A source feed document reduced to what Tributary keeps; format names what it was ("rss_2.0", "atom_1.0", "json"). */
public record ParsedFeed(String format, String title, String siteUrl, String description, String language,
                         List<ParsedItem> items) {
}
