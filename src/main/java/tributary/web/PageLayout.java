package tributary.web;

import static tributary.common.Escaper.markup;

import jakarta.inject.Singleton;
import java.util.List;
import tributary.publish.CategorySummaries;
import tributary.publish.FeedFormat;
import tributary.publish.TopicPages;
import tributary.store.CategoryRow;

/**
 * The frame every reader page shares: head (stylesheet, feed autodiscovery), skip link, header, the categories'
 * navigation, main, footer. Only markup and a same-origin stylesheet: no script, no style attribute, so the strict
 * Content-Security-Policy holds.
 */
@Singleton
class PageLayout {

    /** What differs between pages around their main content: alternates are the slugs whose feeds the head lists. */
    record Frame(UiLanguage language, String title, String base, List<CategorySummaries.Summary> sections,
                 List<CategorySummaries.Summary> alternates, String currentSlug) {
    }

    private final SiteStylesheet stylesheet;

    PageLayout(SiteStylesheet stylesheet) {
        this.stylesheet = stylesheet;
    }

    String page(Frame frame, CharSequence main) {
        UiLanguage lang = frame.language();
        StringBuilder html = new StringBuilder(main.length() + 4096);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(lang.tag()).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(markup(frame.title())).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(markup(stylesheet.href())).append("\">\n");
        for (CategorySummaries.Summary section : frame.alternates()) {
            for (FeedFormat format : FeedFormat.values()) {
                html.append("<link rel=\"alternate\" type=\"").append(format.contentType().split(";")[0])
                        .append("\" title=\"").append(markup(title(section, lang) + " ("
                                + format.extension().toUpperCase() + ")"))
                        .append("\" href=\"").append(markup(feedUrl(frame.base(), section.slug(), format)))
                        .append("\">\n");
            }
        }
        html.append("</head>\n<body>\n<a class=\"skip\" href=\"#main\">").append(UiText.SKIP_TO_CONTENT.in(lang))
                .append("</a>\n<header class=\"site\">\n<a class=\"brand\" href=\"/\">Tributary</a>\n")
                .append("<span class=\"tagline\">").append(UiText.SITE_TAGLINE.in(lang)).append("</span>\n</header>\n")
                .append("<nav class=\"sections-nav\" aria-label=\"").append(UiText.NAV_LABEL.in(lang)).append("\">\n<ul>\n");
        for (CategorySummaries.Summary section : frame.sections()) {
            html.append("<li><a href=\"/c/").append(markup(section.slug())).append("\"");
            if (section.slug().equals(frame.currentSlug())) {
                html.append(" aria-current=\"page\"");
            }
            html.append(">").append(markup(title(section, lang))).append("</a></li>\n");
        }
        html.append("</ul>\n</nav>\n<main id=\"main\">\n").append(main).append("</main>\n<footer class=\"site\">\n<p>")
                .append("<a href=\"").append(markup(frame.base())).append("/feeds.opml\">")
                .append(UiText.SUBSCRIBE_ALL.in(lang)).append("</a></p>\n<p>").append(UiText.FOOTER.in(lang))
                .append("</p>\n</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The three subscribe links of a slug, each named with its section for screen readers. */
    static void subscribeLinks(StringBuilder html, String base, CategorySummaries.Summary section, UiLanguage lang) {
        html.append("<p class=\"subscribe\">").append(UiText.SUBSCRIBE.in(lang));
        for (FeedFormat format : FeedFormat.values()) {
            html.append(" <a href=\"").append(markup(feedUrl(base, section.slug(), format))).append("\">")
                    .append(format == FeedFormat.JSON ? "JSON Feed" : format == FeedFormat.RSS ? "RSS" : "Atom")
                    .append("<span class=\"vh\"> – ").append(markup(title(section, lang))).append("</span></a>");
        }
        html.append("</p>\n");
    }

    /** A section's title as readers see it: "all" in the page's language, a category or topic by its own title. */
    static String title(CategorySummaries.Summary section, UiLanguage lang) {
        return CategoryRow.ALL.equals(section.slug()) ? UiText.ALL_TITLE.in(lang) : section.title();
    }

    /** A section's description as readers see it, or null. */
    static String description(CategorySummaries.Summary section, UiLanguage lang) {
        if (CategoryRow.ALL.equals(section.slug())) {
            return UiText.ALL_DESCRIPTION.in(lang);
        }
        return section.topic() ? UiText.TOPIC.in(lang, section.query()) : section.description();
    }

    static String feedUrl(String base, String slug, FeedFormat format) {
        return TopicPages.feedUrl(slug, format, base);
    }
}
