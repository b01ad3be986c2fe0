package tributary.publish;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tributary.normalize.TextCleaner;

/**
 * Everything a renderer needs for one page of a merged feed. selfUrl is the URL being served (atom:link self,
 * feed_url), id the feed's permanent id (its first page's URL), homeUrl the HTML index, updated the newest story's
 * date (null when there is none), nextUrl the next page (null on the last), firstUrl the first page (null on it),
 * language the language most of its feeds declare (null when none does), hubUrl the WebSub hub the page advertises
 * (null when none). Strings are made XML-safe here: titles
 * and descriptions may come from admins, URLs from the request.
 */
public record FeedDocument(String id, String title, String description, String homeUrl, String selfUrl,
                           Instant updated, int ttlMinutes, List<Story> stories, String nextUrl,
                           String firstUrl, String language, String hubUrl) {

    public FeedDocument {
        id = TextCleaner.xmlSafe(id);
        title = TextCleaner.xmlSafe(title);
        description = TextCleaner.xmlSafe(description);
        homeUrl = TextCleaner.xmlSafe(homeUrl);
        selfUrl = TextCleaner.xmlSafe(selfUrl);
        nextUrl = TextCleaner.xmlSafe(nextUrl);
        firstUrl = TextCleaner.xmlSafe(firstUrl);
        language = TextCleaner.xmlSafe(language);
        hubUrl = TextCleaner.xmlSafe(hubUrl);
    }

    /** A page that advertises no hub. */
    public FeedDocument(String id, String title, String description, String homeUrl, String selfUrl, Instant updated,
                        int ttlMinutes, List<Story> stories, String nextUrl, String firstUrl, String language) {
        this(id, title, description, homeUrl, selfUrl, updated, ttlMinutes, stories, nextUrl, firstUrl, language, null);
    }

    /**
     * The page's links by rel, in order: self, the WebSub hub when there is one, then RFC 5005's next and first where
     * there are such pages.
     */
    public Map<String, String> links() {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", selfUrl);
        if (hubUrl != null) {
            links.put("hub", hubUrl);
        }
        if (nextUrl != null) {
            links.put("next", nextUrl);
        }
        if (firstUrl != null) {
            links.put("first", firstUrl);
        }
        return links;
    }
}
