package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A category as the admin API shows it; block lists its block rules as written (empty when none); clustering false
 * when its outputs list every copy of a story cluster as its own entry.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CategoryView(String slug, String title, String description, String origin,
                           @JsonProperty("source_line") Integer sourceLine, @JsonProperty("feed_count") long feedCount,
                           @JsonInclude(JsonInclude.Include.ALWAYS) List<String> block, boolean clustering) {
}
