package tributary.catalog;

import java.util.List;

/** A category as feeds.yml declares it: block holds its rules as written; line is where it starts in the file. */
public record CategorySpec(String slug, String title, String description, List<String> block, int line) {

    public CategorySpec {
        block = block == null ? List.of() : List.copyOf(block);
    }
}
