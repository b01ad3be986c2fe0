package tributary.parse;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a source feed, as written there: text raw, links possibly relative, any field but tags may be null.
 * published/updated are what the format's library could read; publishedText/updatedText are the dates as written,
 * for normalize to read in the feed's zone (and to recover what the library could not); base is the xml:base in
 * force for the entry's content (possibly relative to the document), null when none is written.
 */
public record ParsedItem(
        String guid,
        String link,
        String title,
        String summary,
        String content,
        String author,
        List<String> tags,
        ParsedEnclosure enclosure,
        Instant published,
        Instant updated,
        String publishedText,
        String updatedText,
        String base) {

    /** An entry whose dates were read already (JSON Feed, tests). */
    public ParsedItem(String guid, String link, String title, String summary, String content, String author,
                      List<String> tags, ParsedEnclosure enclosure, Instant published, Instant updated) {
        this(guid, link, title, summary, content, author, tags, enclosure, published, updated, null, null, null);
    }
}
