package tributary.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tributary.common.Escaper;
import tributary.common.PublisherDomain;

/**
 * The other publishers of a clustered story: their copies (for atom:link rel="related") and the line that credits
 * them at the end of an RSS or Atom description, "Cũng đưa tin: Tuổi Trẻ, Thanh Niên" or "Also reported by: …" in
 * the language of the category's feeds. A copy of the speaking copy's own site (another section) is not "other".
 */
final class AlsoReported {

    private AlsoReported() {
    }

    /** The copies of other sites than the speaking copy's, one per site, in source order. */
    static List<StorySource> others(Story story) {
        String own = PublisherDomain.of(story.url());
        Map<String, StorySource> bySite = new LinkedHashMap<>();
        for (StorySource source : story.sources()) {
            String site = PublisherDomain.of(source.itemUrl());
            if (site != null && !site.equals(own)) {
                bySite.putIfAbsent(site, source);
            }
        }
        return new ArrayList<>(bySite.values());
    }

    /** The HTML paragraph to append to the description, or null when no other publisher reported the story. */
    static String line(Story story, String language) {
        List<StorySource> others = others(story);
        if (others.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (StorySource s : others) {
            names.add("<a href=\"" + Escaper.markup(s.itemUrl()) + "\">" + Escaper.markup(s.feedTitle()) + "</a>");
        }
        boolean vietnamese = language != null && language.toLowerCase(Locale.ROOT).startsWith("vi");
        return "<p>" + (vietnamese ? "Cũng đưa tin: " : "Also reported by: ") + String.join(", ", names) + "</p>";
    }

    /** Appends the line to an HTML description (or makes it the description). */
    static String append(String html, Story story, String language) {
        String line = line(story, language);
        if (line == null) {
            return html;
        }
        return html == null ? line : html + line;
    }
}
