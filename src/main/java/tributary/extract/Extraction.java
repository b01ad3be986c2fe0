package tributary.extract;

import io.micronaut.core.annotation.Nullable;

/**
 * What one page gave: the article as sanitized HTML (null when nothing acceptable was found), the rule that produced
 * it ("selector article.fck_detail", "site vnexpress.net", "readability"), its words of text, and otherwise why
 * nothing was taken, a sentence an admin can act on.
 */
public record Extraction(@Nullable String html, String rule, int words, @Nullable String problem) {

    public boolean found() {
        return html != null;
    }
}
