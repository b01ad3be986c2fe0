package tributary.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import tributary.match.PlainText;
import tributary.publish.Story;
import tributary.publish.StorySource;

/**
 * Turns a merged story into what a page shows: its summary as plain text cut at a word near {@link #LEAD_CHARS}, the
 * first real picture (an image enclosure, else the first img of the summary or content that is not a tracking pixel),
 * and the titles of the feeds it came through.
 */
final class StoryCards {

    /** About three lines on a desktop and six on a phone: enough to decide whether to click. */
    static final int LEAD_CHARS = 240;

    private StoryCards() {
    }

    static StoryCard of(Story story) {
        List<String> sources = new ArrayList<>(story.sources().size());
        for (StorySource source : story.sources()) {
            sources.add(source.feedTitle());
        }
        String title = story.title() == null || story.title().isBlank() ? lead(story.summary(), 80) : story.title();
        return new StoryCard(title, httpOrNull(story.url()), lead(story.summary() != null ? story.summary()
                : story.content(), LEAD_CHARS), image(story), story.published() != null ? story.published()
                : story.changed(), List.copyOf(sources));
    }

    static String lead(String html, int max) {
        String text = PlainText.ofHtml(html);
        if (text == null) {
            return "";
        }
        text = text.replaceAll("\\s+", " ").strip();
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        return text.substring(0, cut > max / 2 ? cut : max).strip() + "…";
    }

    private static String image(Story story) {
        if (story.enclosureType() != null && story.enclosureType().toLowerCase(Locale.ROOT).startsWith("image/")) {
            String url = httpOrNull(story.enclosureUrl());
            if (url != null) {
                return url;
            }
        }
        String fromSummary = firstPicture(story.summary());
        return fromSummary != null ? fromSummary : firstPicture(story.content());
    }

    private static String firstPicture(String html) {
        if (html == null || !html.contains("<img")) {
            return null;
        }
        for (Element img : Jsoup.parseBodyFragment(html).select("img[src]")) {
            if (tiny(img.attr("width")) || tiny(img.attr("height"))) {
                continue;
            }
            String url = httpOrNull(img.attr("src"));
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    /** A declared size of a few pixels: a tracking pixel or a spacer, not a picture. */
    private static boolean tiny(String size) {
        try {
            return !size.isBlank() && Integer.parseInt(size.strip()) <= 2;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Only absolute http(s) URLs become links and images: no javascript:, data: or relative paths. */
    private static String httpOrNull(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
    }
}
