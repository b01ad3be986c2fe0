package tributary.publish;

/** A feed a story came through, and the story's own link there. */
public record StorySource(String feedTitle, String feedUrl, String siteUrl, String itemUrl) {
}
