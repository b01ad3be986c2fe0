package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A category as the admin API receives it; the slug is derived from the title unless given. block: its block rules
 * (null: unchanged on PUT, none on POST; empty: none).
 */
@Serdeable
public record CategoryInput(@Nullable String slug, @Nullable String title, @Nullable String description,
                            @Nullable List<String> block) {
}
