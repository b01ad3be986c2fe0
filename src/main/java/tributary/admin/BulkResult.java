package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * POST /admin/feeds/bulk: what the action did to each feed, in the order asked: status 200 with result (paused,
 * resumed, re-categorized, or a refresh's poll result with its counts), else the status and detail a single request
 * would have answered (404 no such feed, 409 managed by feeds.yml).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkResult(String action, List<Entry> results) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(long id, int status, String result, Integer inserted, Integer updated, String detail) {
    }
}
