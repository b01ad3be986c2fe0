package tributary.catalog;

import java.util.List;

/**
 * A category as feeds.yml declares it: block holds its rules as written; clustering false lists every copy of a story
 * cluster as its own entry; line is where it starts in the file.
 */
public record CategorySpec(String slug, String title, String description, List<String> block, boolean clustering,
                           int line) {

    public CategorySpec {
        block = block == null ? List.of() : List.copyOf(block);
    }
}
