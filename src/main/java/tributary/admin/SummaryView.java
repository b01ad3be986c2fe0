package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * GET /admin/summary: feeds (not removed) per state, and the fleet's polls per outcome in each of the last 24 hours,
 * oldest hour first, every hour present (outcomes with no poll left out of its counts).
 */
@Serdeable
public record SummaryView(long feeds, @JsonProperty("feeds_by_state") Map<String, Long> feedsByState,
                          @JsonProperty("lag_seconds") long lagSeconds,
                          @JsonProperty("polls_per_hour") List<Hour> pollsPerHour) {

    /** Polls per outcome label (ok, not-modified, error, gone, rate-limited) that started in the hour from hour. */
    @Serdeable
    public record Hour(Instant hour, @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Long> polls) {
    }
}
