package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** GET /admin/feeds/search: one page of the list (each feed with its last polls and items per day) and the total. */
@Serdeable
public record FeedPageView(long total, int page, int size, String sort,
                           @JsonInclude(JsonInclude.Include.ALWAYS) List<FeedView> feeds) {
}
