package tributary.web;

import static tributary.common.Escaper.markup;

import jakarta.inject.Singleton;
import java.util.List;
import tributary.publish.CategorySummaries;

/** Renders the small pages that say something went wrong (no such category, a bad cursor), in the reader's language. */
@Singleton
class MessagePageWriter {

    private final CategorySummaries summaries;
    private final PageLayout layout;

    MessagePageWriter(CategorySummaries summaries, PageLayout layout) {
        this.summaries = summaries;
        this.layout = layout;
    }

    String render(UiLanguage lang, String base, UiText title, String text) {
        String main = "<h1>" + markup(title.in(lang)) + "</h1>\n<p>" + markup(text) + "</p>\n<p><a href=\"/\">"
                + UiText.FRONT_PAGE.in(lang) + "</a></p>\n";
        return layout.page(new PageLayout.Frame(lang, title.in(lang) + " – Tributary", base, summaries.current(),
                List.of(), null), main);
    }
}
