package tributary.extract;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tributary.normalize.HtmlSanitizer;

/** Takes the article out of a news page (placeholder: the feed's selector, else article, else body). */
@Singleton
public class ArticleExtractor {

    /** The article of one page: the feed's selector, else the site's built-in rule, else the readability heuristic. */
    public Extraction extract(byte[] page, @Nullable String contentType, URI pageUrl, @Nullable String selector,
                              List<String> remove, @Nullable String summary) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(page), null, pageUrl.toString());
        } catch (IOException e) {
            return new Extraction(null, "none", 0, "the page could not be read: " + e.getMessage());
        }
        Element body = selector == null ? null : doc.selectFirst(selector);
        String rule = "selector " + selector;
        if (body == null) {
            body = doc.selectFirst("article");
            rule = "readability";
        }
        if (body == null) {
            return new Extraction(null, rule, 0, "no article found on the page");
        }
        for (String r : remove) {
            body.select(r).remove();
        }
        String html = HtmlSanitizer.sanitize(body.html(), pageUrl.toString());
        int words = Jsoup.parse(html).text().split("\\s+").length;
        return new Extraction(html, rule, words, null);
    }
}
