package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import tributary.publish.Problems;

/**
 * A category as the admin API receives it; the slug is derived from the title unless given. block: its block rules
 * (null: unchanged on PUT, none on POST; empty: none). clustering: true or false (null: unchanged on PUT, true on
 * POST); read as any JSON value so that a wrong one is answered naming the field rather than as an unreadable body.
 */
@Serdeable
public record CategoryInput(@Nullable String slug, @Nullable String title, @Nullable String description,
                            @Nullable List<String> block, @Nullable Object clustering) {

    /** The clustering switch, null when not given; a value that is not a JSON boolean is added to errors. */
    Boolean clustering(List<Problems.FieldError> errors) {
        if (clustering == null || clustering instanceof Boolean) {
            return (Boolean) clustering;
        }
        String shown = String.valueOf(clustering);
        errors.add(new Problems.FieldError("clustering", shown.length() > 40 ? shown.substring(0, 40) + "…" : shown,
                "true or false (false lists every copy of a story reported by several publishers as its own entry)"));
        return null;
    }
}
