package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One match of GET /admin/topics/preview: the item's title and link, its feed's title, when it was published. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviewView(String title, String url, @JsonProperty("feed_title") String feedTitle, Instant published) {
}
