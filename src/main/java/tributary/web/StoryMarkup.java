package tributary.web;

import static tributary.common.Escaper.markup;

import java.time.Instant;

/** The pieces of a story both pages write the same way: its linked title, its picture, its time and its sources. */
final class StoryMarkup {

    private StoryMarkup() {
    }

    /** The title, a link to the article when it has an http(s) address. */
    static void title(StringBuilder html, StoryCard card) {
        if (card.url() != null) {
            html.append("<a href=\"").append(markup(card.url())).append("\">").append(markup(card.title()))
                    .append("</a>");
        } else {
            html.append(markup(card.title()));
        }
    }

    /**
     * The picture, lazily loaded and without a Referer (Vietnamese image CDNs refuse hot-linked referers). alt is
     * empty on purpose: the picture illustrates the headline written next to it, which a screen reader reads anyway.
     */
    static void image(StringBuilder html, StoryCard card, String cssClass, int width, int height) {
        if (card.image() != null) {
            html.append("<img class=\"").append(cssClass).append("\" src=\"").append(markup(card.image()))
                    .append("\" alt=\"\" width=\"").append(width).append("\" height=\"").append(height)
                    .append("\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">");
        }
    }

    static void time(StringBuilder html, StoryCard card, Instant now, UiLanguage lang, TimeLabels times) {
        if (card.time() != null) {
            html.append("<time datetime=\"").append(card.time()).append("\" title=\"")
                    .append(markup(times.exact(card.time(), lang))).append("\">")
                    .append(markup(times.relative(card.time(), now, lang))).append("</time>");
        }
    }

    /** The feeds a story came through, by title, as _tributary.sources lists them: "A · B". */
    static void sources(StringBuilder html, StoryCard card) {
        html.append("<span class=\"sources\">").append(markup(String.join(" · ", card.sources()))).append("</span>");
    }
}
