package tributary.extract;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Says whether an extracted body is an article: not under a floor of words, not shorter than the feed's own summary
 * (then the page gave less than the feed), not mostly link text nor mostly headlines (then it is a list of links).
 */
final class ArticleJudge {

    /** Fewer words than this is a caption, a teaser or an error page, not an article. */
    static final int MIN_WORDS = 40;
    /** Above this share of link text in its words, a body is a list of links. */
    static final double MAX_LINK_SHARE = 0.5;
    /** About 80,000 words, a book: past this the body is a whole site's worth of text, and not worth sanitizing. */
    static final int MAX_CHARS = 500_000;
    /** A section page shows at least this many headlines; an article may end with one or two "read more" links. */
    static final int MIN_TEASERS = 4;

    private ArticleJudge() {
    }

    /** Why the cleaned body is no article, or null when it is one; teasers as counted before cleaning. */
    @Nullable
    static String problem(Element body, @Nullable String summary, int teasers) {
        String text = body.text();
        if (text.length() > MAX_CHARS) {
            return String.format(Locale.ROOT, "the page's article text (%d characters) is longer than any news article"
                    + " (%d); the rule took more than the article", text.length(), MAX_CHARS);
        }
        int words = words(text);
        if (words < MIN_WORDS) {
            return String.format(Locale.ROOT, "the page's article text (%d words) is under the %d-word floor",
                    words, MIN_WORDS);
        }
        int summaryWords = summary == null ? 0 : words(summary.indexOf('<') >= 0 ? Jsoup.parse(summary).text() : summary);
        if (words < summaryWords) {
            return String.format(Locale.ROOT, "the page's article text (%d words) is shorter than the feed's summary"
                    + " (%d words)", words, summaryWords);
        }
        int linkWords = 0;
        for (Element a : body.select("a")) {
            linkWords += words(a.ownText());
        }
        if (linkWords > words * MAX_LINK_SHARE) {
            return String.format(Locale.ROOT, "the page's article text is mostly links (%d of %d words)",
                    linkWords, words);
        }
        if (teasers >= MIN_TEASERS && teasers * 2 >= body.select("p").size()) {
            return String.format(Locale.ROOT, "the page is a list of links to other articles (%d headlines for %d"
                    + " paragraphs), not an article", teasers, body.select("p").size());
        }
        return null;
    }

    /**
     * Links that are the whole of a heading or list item and several words long: the headlines of a section page.
     * Counted before cleaning, which drops them as link blocks and would leave only the teasers' prose.
     */
    static int teasers(Element body) {
        int n = 0;
        for (Element a : body.select("a")) {
            Element parent = a.parent();
            // Alone in its parent, checked without reading the parent's whole text (a paragraph may hold many links).
            if (parent != null && parent != body && parent.childrenSize() == 1 && parent.ownText().isBlank()
                    && words(a.text()) >= 5) {
                n++;
            }
        }
        return n;
    }

    /** Words of text: runs of letters or digits between spaces and punctuation (a Vietnamese syllable is a word). */
    static int words(String text) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean word = Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
            if (word && !in) {
                n++;
            }
            in = word;
            i += Character.charCount(c);
        }
        return n;
    }
}
