package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer of GET /admin/extract: the page asked for (url) and where redirects led (final_url), its HTTP status
 * and content type, whether an article was found, the rule that took it, its words, the sanitized HTML that would be
 * published (null when none), else the problem; the selector and remove selectors applied; for ?feed=, the feed and
 * the title of the item previewed.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExtractView(String url, @JsonProperty("final_url") String finalUrl, int status,
                          @JsonProperty("content_type") String contentType, boolean found, String rule, int words,
                          String html, String problem, String selector, List<String> remove,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long feed,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("item_title") String itemTitle) {
}
