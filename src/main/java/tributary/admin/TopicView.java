package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import tributary.publish.CategoryListing;

/** A topic as the admin API shows it, with the URLs to subscribe to it (as GET /feeds gives a category's). */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopicView(String slug, String title, String query,
                        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> categories, String origin,
                        @JsonProperty("source_line") Integer sourceLine, CategoryListing.Urls urls) {
}
