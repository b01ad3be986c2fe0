package tributary.extract;

import io.micronaut.core.annotation.Nullable;

/**
 * What the extraction of one page gives: html, the article as sanitized HTML (null when nothing acceptable was
 * found); rule, which rule produced it ("selector article.fck_detail", "site vnexpress.net", "readability"); words,
 * words of text in html; problem, why nothing was taken (null when html is set), a sentence an admin can act on.
 */
public record Extraction(@Nullable String html, String rule, int words, @Nullable String problem) {

    public boolean found() {
        return html != null;
    }

    static Extraction refused(String rule, String problem) {
        return new Extraction(null, rule, 0, problem);
    }
}
