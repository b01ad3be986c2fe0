package tributary.catalog;

/** A category as feeds.yml declares it; line is where it starts in the file. */
public record CategorySpec(String slug, String title, String description, int line) {
}
