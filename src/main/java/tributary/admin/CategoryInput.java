package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A category as the admin API receives it; the slug is derived from the title unless given. */
@Serdeable
public record CategoryInput(@Nullable String slug, @Nullable String title, @Nullable String description) {
}
