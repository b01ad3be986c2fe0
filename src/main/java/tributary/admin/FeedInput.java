package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A feed as the admin API receives it; on PUT, absent fields stay as they are. interval is like "15m". */
@Serdeable
public record FeedInput(@Nullable String url, @Nullable String title, @Nullable List<String> categories,
                        @Nullable String interval, @Nullable Boolean enabled) {
}
