package tributary.web;

import static tributary.common.Escaper.markup;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tributary.publish.CategorySummaries;
import tributary.publish.RenderedFeed;
import tributary.publish.Story;
import tributary.publish.StoryPages;

/**
 * Renders GET /: each category, topic and "all" with its latest {@link #HEADLINES} headlines (title, sources, time,
 * thumbnail) and its subscribe links, read through the feeds' own scopes so block rules hold here too; with
 * ?clusters=off every copy of a story cluster is its own headline, as in the rivers it links.
 */
@Singleton
class FrontPageWriter {

    static final int HEADLINES = 5;

    private final CategorySummaries summaries;
    private final StoryPages pages;
    private final PageLayout layout;
    private final TimeLabels times;

    FrontPageWriter(CategorySummaries summaries, StoryPages pages, PageLayout layout, TimeLabels times) {
        this.summaries = summaries;
        this.pages = pages;
        this.layout = layout;
        this.times = times;
    }

    RenderedFeed render(ReaderPageKey key) {
        UiLanguage lang = key.language();
        Instant now = Instant.ofEpochSecond(key.minute() * 60);
        List<CategorySummaries.Summary> sections = summaries.current();
        Instant changed = Instant.EPOCH;
        StringBuilder main = new StringBuilder(16 * 1024);
        // ?clusters=off carries on to the rivers the page links.
        String off = key.clustersOff() ? "?clusters=off" : "";
        main.append("<h1>").append(UiText.FRONT_TITLE.in(lang)).append("</h1>\n<div class=\"sections\">\n");
        for (CategorySummaries.Summary section : sections) {
            Optional<StoryPages.Listing> listing = pages.page(section.slug(), HEADLINES, null, key.clustersOff());
            if (listing.isEmpty()) {
                continue;
            }
            String id = "s-" + section.slug();
            String title = PageLayout.title(section, lang);
            main.append("<section class=\"section\" aria-labelledby=\"").append(markup(id)).append("\">\n")
                    .append("<h2 id=\"").append(markup(id)).append("\"><a href=\"/c/").append(markup(section.slug()))
                    .append(off).append("\">").append(markup(title)).append("</a></h2>\n");
            String description = PageLayout.description(section, lang);
            if (description != null && !description.isBlank()) {
                main.append("<p class=\"desc\">").append(markup(description)).append("</p>\n");
            }
            List<Story> stories = listing.get().stories();
            if (stories.isEmpty()) {
                main.append("<p class=\"empty\">").append(UiText.NO_STORIES.in(lang)).append("</p>\n");
            } else {
                main.append("<ul class=\"headlines\">\n");
                for (Story story : stories) {
                    changed = later(changed, story.changed());
                    headline(main, StoryCards.of(story), now, lang);
                }
                main.append("</ul>\n<p class=\"more\"><a href=\"/c/").append(markup(section.slug())).append(off)
                        .append("\">")
                        .append(markup(UiText.MORE_OF.in(lang, title))).append("</a></p>\n");
            }
            PageLayout.subscribeLinks(main, key.base(), section, lang);
            main.append("</section>\n");
        }
        main.append("</div>\n");
        String html = layout.page(new PageLayout.Frame(lang, "Tributary – " + UiText.FRONT_TITLE.in(lang), key.base(),
                sections, sections, null), main);
        return RenderedFeed.of(ReaderResponses.HTML, html.getBytes(StandardCharsets.UTF_8), changed);
    }

    private void headline(StringBuilder html, StoryCard card, Instant now, UiLanguage lang) {
        html.append("<li class=\"headline").append(card.image() != null ? " with-image" : "").append("\">");
        StoryMarkup.image(html, card, "thumb", 80, 60);
        html.append("<p class=\"headline-title\">");
        StoryMarkup.title(html, card);
        html.append("</p>\n<p class=\"meta\">");
        StoryMarkup.sources(html, card);
        if (card.time() != null) {
            html.append(" · ");
            StoryMarkup.time(html, card, now, lang, times);
        }
        html.append("</p></li>\n");
    }

    static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
