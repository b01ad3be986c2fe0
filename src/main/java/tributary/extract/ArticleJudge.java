package tributary.extract;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Says whether an extracted body is an article: not under a floor of words, not shorter than the feed's own summary
 * (then the page gave less than the feed), not mostly link text (then it is a list of links).
 */
final class ArticleJudge {

    /** Fewer words than this is a caption, a teaser or an error page, not an article. */
    static final int MIN_WORDS = 40;
    /** Above this share of link text in its words, a body is a list of links. */
    static final double MAX_LINK_SHARE = 0.5;

    private ArticleJudge() {
    }

    /** Why the body is no article, or null when it is one. */
    @Nullable
    static String problem(Element body, @Nullable String summary) {
        int words = words(body.text());
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
        return null;
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
