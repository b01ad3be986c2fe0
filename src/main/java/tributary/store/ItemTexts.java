package tributary.store;

import java.util.List;
import tributary.match.MatchText;
import tributary.match.PlainText;
import tributary.normalize.NormalizedItem;

/** What rules and queries read of an item: its title, author, own categories and the text of its summary and content. */
public final class ItemTexts {

    private ItemTexts() {
    }

    public static MatchText of(NormalizedItem item) {
        return of(item.title(), item.summary(), item.content(), item.author(), item.tags());
    }

    /** From the stored columns: summary and content are sanitized HTML. */
    public static MatchText of(String title, String summaryHtml, String contentHtml, String author,
                               List<String> tags) {
        String summary = PlainText.ofHtml(summaryHtml);
        String content = PlainText.ofHtml(contentHtml);
        // A feed often repeats its summary as the start of its content: reading it once keeps the bound for the rest.
        String body = content.isEmpty() || content.startsWith(summary) ? (content.isEmpty() ? summary : content)
                : summary + "\n" + content;
        return MatchText.of(title, author, tags, body);
    }
}
