package tributary.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One entry of GET /feeds: a category and the URLs to subscribe to it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CategoryListing(String slug, String title, String description,
                              @JsonProperty("item_count") long itemCount, Instant updated, Urls urls) {

    /** The subscription URLs, one per format. */
    @Serdeable
    public record Urls(String rss, String atom, String json) {
    }
}
