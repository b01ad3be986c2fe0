package tributary.extract;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;
import tributary.normalize.HtmlSanitizer;

/**
 * Takes the article out of one fetched page: the feed's selector, else the site's built-in rule
 * ({@code tributary/site-rules.yml}), else the readability heuristic; the first body the judge accepts wins. Pure:
 * bytes in, sanitized HTML out, no I/O; never throws on bad input.
 */
@Singleton
public class ArticleExtractor {

    private final SiteRules rules;

    @Inject
    public ArticleExtractor() {
        this(SiteRules.load());
    }

    ArticleExtractor(SiteRules rules) {
        this.rules = rules;
    }

    /** The article of one page: the feed's selector, else the site's built-in rule, else the readability heuristic; judged. Never throws on bad input. */
    public Extraction extract(byte[] page, @Nullable String contentType, URI pageUrl,
                              @Nullable String selector, List<String> remove, @Nullable String summary) {
        String base = pageUrl == null ? "" : pageUrl.toString();
        try {
            PageDecoder.Decoded decoded = PageDecoder.decode(page, contentType, base);
            if (decoded.document() == null) {
                return Extraction.refused("none", decoded.problem());
            }
            return extract(decoded.document(), base, rules.forPage(pageUrl), selector,
                    remove == null ? List.of() : remove, summary);
        } catch (RuntimeException | StackOverflowError e) {
            // A page is data from a stranger: whatever jsoup or a rule trips on becomes the item's recorded problem.
            return Extraction.refused("none", "the page could not be read: " + e);
        }
    }

    private Extraction extract(Document document, String base, @Nullable SiteRule site, @Nullable String selector,
                               List<String> remove, @Nullable String summary) {
        List<String> notes = new ArrayList<>();
        Extraction first = null;
        if (selector != null && !selector.isBlank()) {
            String rule = "selector " + selector.strip();
            Element body = first(document, selector.strip(), notes);
            if (body != null) {
                List<String> drop = new ArrayList<>(remove);
                drop.addAll(site == null ? List.of() : site.remove());
                Extraction result = judged(body.clone(), drop, base, rule, summary);
                if (result.found()) {
                    return result;
                }
                first = result;
            } else if (notes.isEmpty()) {
                notes.add("the feed's selector \"" + selector.strip() + "\" matched nothing on the page");
            }
        }
        if (site != null) {
            boolean matched = false;
            for (String siteSelector : site.selectors()) {
                Element body = document.selectFirst(siteSelector);
                if (body != null) {
                    matched = true;
                    Extraction result = judged(body.clone(), site.remove(), base, "site " + site.name(), summary);
                    if (result.found()) {
                        return result;
                    }
                    first = first == null ? result : first;
                    break;
                }
            }
            if (!matched) {
                notes.add("the built-in rule for " + site.name() + " matched nothing (the site's layout may have"
                        + " changed; set full_text_selector)");
            }
        }
        Element article = ReadabilityScorer.article(document);
        Extraction result = article == null
                ? Extraction.refused("readability", "the readability heuristic found no paragraphs of text")
                : judged(article, List.of(), base, "readability", summary);
        if (result.found()) {
            return result;
        }
        first = first == null ? result : first;
        notes.add(first.problem());
        return Extraction.refused(first.rule(), String.join("; ", notes));
    }

    private static Element first(Document document, String selector, List<String> notes) {
        try {
            return Selector.selectFirst(selector, document);
        } catch (Selector.SelectorParseException e) {
            notes.add("the feed's selector \"" + selector + "\" is not valid CSS (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Cleans, fixes images, judges, sanitizes and judges again (on what will be published) one candidate body. */
    private static Extraction judged(Element body, List<String> remove, String base, String rule,
                                     @Nullable String summary) {
        // Output without jsoup's pretty printing: its indentation would become text in readers that keep it.
        Document holder = Document.createShell(base);
        holder.outputSettings().prettyPrint(false);
        holder.body().appendChild(body);
        int teasers = ArticleJudge.teasers(body);
        ChromeCleaner.clean(body, remove);
        LazyImages.fix(body, base);
        ChromeCleaner.tidy(body);
        // Judged before sanitizing too, so a refused body (often the largest) never costs the sanitizer's passes.
        String early = ArticleJudge.problem(body, summary, teasers);
        if (early != null) {
            return Extraction.refused(rule, early);
        }
        String html = HtmlSanitizer.sanitize(body.html(), base);
        if (html == null) {
            return Extraction.refused(rule, "nothing readable was left of the page's article after cleaning");
        }
        Element clean = Jsoup.parseBodyFragment(html, base).body();
        String problem = ArticleJudge.problem(clean, summary, teasers);
        return problem == null
                ? new Extraction(html, rule, ArticleJudge.words(clean.text()), null)
                : Extraction.refused(rule, problem);
    }
}
