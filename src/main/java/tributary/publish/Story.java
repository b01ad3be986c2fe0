package tributary.publish;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a merged feed: an article with every feed it came through. id is stable for ever (the story hash),
 * guid the source's own id when it had one. modified is null until a copy changed after it was first stored;
 * changed is when anything of the story last changed here (a copy stored or updated), for Last-Modified.
 */
public record Story(
        String id,
        String guid,
        String url,
        String title,
        String summary,
        String content,
        String author,
        List<String> tags,
        String enclosureUrl,
        String enclosureType,
        Long enclosureLength,
        Instant published,
        Instant modified,
        Instant changed,
        List<StorySource> sources) {
}
