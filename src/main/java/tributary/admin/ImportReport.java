package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** What an OPML import did: feeds added, outlines skipped with the reason, categories created. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImportReport(List<Added> added, List<Skipped> skipped,
                           @JsonProperty("categories_created") List<String> categoriesCreated) {

    /** A feed the import added. */
    @Serdeable
    public record Added(long id, String url, List<String> categories) {
    }

    /** An outline the import did not take. */
    @Serdeable
    public record Skipped(int line, String url, String reason) {
    }
}
