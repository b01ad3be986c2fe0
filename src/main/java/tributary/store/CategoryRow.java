package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.LocalDateTime;

/** A row of the category table. */
@MappedEntity("category")
public record CategoryRow(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String title,
        @Nullable String description,
        String origin,
        @Nullable Integer sourceLine,
        int position,
        LocalDateTime createdAt) {
}
