package tributary.publish;

import java.time.Instant;
import java.util.List;
import tributary.normalize.TextCleaner;

/**
 * One entry of a merged feed: an article with every feed it came through. id is stable for ever (the story hash),
 * guid the source's own id when it had one. modified is null until a copy changed after it was first stored;
 * changed is when anything of the story last changed here (a copy stored or updated), for Last-Modified.
 * Every string is made XML-safe here, the one place all renderers read from, whatever the database holds.
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

    public Story {
        id = TextCleaner.xmlSafe(id);
        guid = TextCleaner.xmlSafe(guid);
        url = TextCleaner.xmlSafe(url);
        title = TextCleaner.xmlSafe(title);
        summary = TextCleaner.xmlSafe(summary);
        content = TextCleaner.xmlSafe(content);
        author = TextCleaner.xmlSafe(author);
        tags = tags == null ? List.of() : TextCleaner.xmlSafe(tags);
        enclosureUrl = TextCleaner.xmlSafe(enclosureUrl);
        enclosureType = TextCleaner.xmlSafe(enclosureType);
        sources = sources == null ? List.of() : sources;
    }
}
