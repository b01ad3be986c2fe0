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
 * Renders GET /c/{slug}: a category's, topic's or everything's stories newest first (title, lead, picture, time,
 * every source), {@link #PAGE_SIZE} a page, older pages by the feeds' own ?before= cursor.
 */
@Singleton
class RiverPageWriter {

    /** Stories a page: enough to scroll through, while a page with pictures stays far under 60 KB of HTML. */
    static final int PAGE_SIZE = 30;

    private final CategorySummaries summaries;
    private final StoryPages pages;
    private final PageLayout layout;
    private final TimeLabels times;

    RiverPageWriter(CategorySummaries summaries, StoryPages pages, PageLayout layout, TimeLabels times) {
        this.summaries = summaries;
        this.pages = pages;
        this.layout = layout;
        this.times = times;
    }

    /** The page, or null when the slug names no category, topic or all. */
    RenderedFeed render(ReaderPageKey key) {
        Optional<StoryPages.Listing> found = pages.page(key.slug(), PAGE_SIZE, key.before(), key.clustersOff());
        List<CategorySummaries.Summary> sections = summaries.current();
        CategorySummaries.Summary section = sections.stream().filter(s -> s.slug().equals(key.slug())).findFirst()
                .orElse(null);
        if (found.isEmpty() || section == null) {
            return null;
        }
        UiLanguage lang = key.language();
        Instant now = Instant.ofEpochSecond(key.minute() * 60);
        StoryPages.Listing listing = found.get();
        String title = PageLayout.title(section, lang);
        StringBuilder main = new StringBuilder(32 * 1024);
        main.append("<div class=\"column\">\n<h1>").append(markup(title)).append("</h1>\n");
        String description = PageLayout.description(section, lang);
        if (description != null && !description.isBlank()) {
            main.append("<p class=\"desc\">").append(markup(description)).append("</p>\n");
        }
        PageLayout.subscribeLinks(main, key.base(), section, lang);
        Instant changed = Instant.EPOCH;
        if (listing.stories().isEmpty()) {
            main.append("<p class=\"empty\">").append(UiText.NO_STORIES.in(lang)).append("</p>\n");
        } else {
            main.append("<ol class=\"river\">\n");
            for (Story story : listing.stories()) {
                changed = FrontPageWriter.later(changed, story.changed());
                story(main, StoryCards.of(story), now, lang);
            }
            main.append("</ol>\n");
        }
        if (listing.next() != null || key.before() != null) {
            main.append("<nav class=\"pager\" aria-label=\"").append(UiText.OLDER.in(lang)).append("\">\n");
            if (key.before() != null) {
                main.append("<a href=\"/c/").append(markup(key.slug())).append(key.clustersOff() ? "?clusters=off" : "")
                        .append("\">").append(UiText.NEWEST.in(lang))
                        .append("</a>\n");
            }
            if (listing.next() != null) {
                main.append("<a rel=\"next\" href=\"/c/").append(markup(key.slug()))
                        .append(key.clustersOff() ? "?clusters=off&amp;before=" : "?before=")
                        .append(listing.next().token()).append("\">").append(UiText.OLDER.in(lang))
                        .append(" →</a>\n");
            }
            main.append("</nav>\n");
        }
        main.append("</div>\n");
        String html = layout.page(new PageLayout.Frame(lang, title + " – Tributary", key.base(), sections,
                List.of(section), key.slug()), main);
        return RenderedFeed.of(ReaderResponses.HTML, html.getBytes(StandardCharsets.UTF_8), changed);
    }

    private void story(StringBuilder html, StoryCard card, Instant now, UiLanguage lang) {
        html.append("<li><article class=\"story").append(card.image() != null ? " with-image" : "").append("\">\n<h2>");
        StoryMarkup.title(html, card);
        html.append("</h2>\n");
        StoryMarkup.image(html, card, "picture", 240, 160);
        html.append("<p class=\"meta\">");
        StoryMarkup.time(html, card, now, lang, times);
        if (card.time() != null) {
            html.append(" · ");
        }
        html.append(UiText.SOURCES.in(lang)).append(' ');
        StoryMarkup.sources(html, card);
        html.append("</p>\n");
        if (!card.lead().isEmpty()) {
            html.append("<p class=\"lead\">").append(markup(card.lead())).append("</p>\n");
        }
        html.append("</article></li>\n");
    }
}
