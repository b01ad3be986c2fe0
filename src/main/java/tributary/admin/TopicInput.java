package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A topic as the admin API receives it: the slug is derived from the title unless given (POST only; it stays on
 * PUT); categories are slugs, empty for every category (null: unchanged on PUT, every category on POST).
 */
@Serdeable
public record TopicInput(@Nullable String slug, @Nullable String title, @Nullable String query,
                         @Nullable List<String> categories) {
}
