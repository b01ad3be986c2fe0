package tributary.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One entry of GET /feeds: a category (kind "category", "all" for everything) or a topic (kind "topic", with its
 * query and no item count), and the URLs to subscribe to it.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CategoryListing(String slug, String kind, String title, String description, String query,
                              @JsonProperty("item_count") Long itemCount, Instant updated, Urls urls) {

    /** The subscription URLs, one per format. */
    @Serdeable
    public record Urls(String rss, String atom, String json) {
    }
}
