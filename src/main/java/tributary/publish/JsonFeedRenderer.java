package tributary.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Renders a merged feed as JSON Feed 1.1, with an _tributary extension listing every source of each item. */
@Singleton
public class JsonFeedRenderer {

    static final String VERSION = "https://jsonfeed.org/version/1.1";

    private final JsonMapper mapper;

    public JsonFeedRenderer(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] render(FeedDocument doc) {
        List<JsonItem> items = new ArrayList<>(doc.stories().size());
        for (Story story : doc.stories()) {
            items.add(item(story));
        }
        JsonFeed feed = new JsonFeed(VERSION, doc.title(), doc.homeUrl(), doc.selfUrl(), doc.description(),
                doc.nextUrl(), doc.language(), List.of(new JsonAuthor("Tributary")),
                doc.hubUrl() == null ? null : List.of(new JsonHub("WebSub", doc.hubUrl())), items);
        try {
            return mapper.writeValueAsBytes(feed);
        } catch (IOException e) {
            throw new UncheckedIOException("JSON Feed rendering failed for " + doc.selfUrl(), e);
        }
    }

    private static JsonItem item(Story story) {
        List<JsonSource> sources = story.sources().stream()
                .map(s -> new JsonSource(s.feedTitle(), s.feedUrl(), s.siteUrl(), s.itemUrl())).toList();
        List<JsonAttachment> attachments = story.enclosureUrl() == null ? null : List.of(new JsonAttachment(
                story.enclosureUrl(), story.enclosureType() == null ? "application/octet-stream" : story.enclosureType(),
                story.enclosureLength()));
        String contentHtml = story.content() != null ? story.content() : story.summary();
        String image = story.enclosureType() != null && story.enclosureType().startsWith("image/")
                ? story.enclosureUrl() : null;
        return new JsonItem(StoryIds.urn(story), story.url(), story.title(),
                contentHtml, contentHtml == null ? "" : null,
                story.content() != null ? story.summary() : null,
                image, date(story.published()), date(story.modified()),
                story.author() == null ? null : List.of(new JsonAuthor(story.author())),
                story.tags().isEmpty() ? null : story.tags(), attachments, new JsonExtension(sources));
    }

    private static String date(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The top-level JSON Feed object. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JsonFeed(String version, String title, @JsonProperty("home_page_url") String homePageUrl,
                    @JsonProperty("feed_url") String feedUrl, String description,
                    @JsonProperty("next_url") String nextUrl, String language, List<JsonAuthor> authors,
                    List<JsonHub> hubs, List<JsonItem> items) {
    }

    /** JSON Feed 1.1 hubs: an endpoint for real-time notification of changes (WebSub). */
    @Serdeable
    record JsonHub(String type, String url) {
    }

    /** One item; content_text is only there (empty) when an item has no HTML, since the spec wants one of the two. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JsonItem(String id, String url, String title, @JsonProperty("content_html") String contentHtml,
                    @JsonProperty("content_text") String contentText, String summary, String image,
                    @JsonProperty("date_published") String datePublished,
                    @JsonProperty("date_modified") String dateModified, List<JsonAuthor> authors, List<String> tags,
                    List<JsonAttachment> attachments, @JsonProperty("_tributary") JsonExtension tributary) {
    }

    /** An author object. */
    @Serdeable
    record JsonAuthor(String name) {
    }

    /** An attachment (the RSS enclosure). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JsonAttachment(String url, @JsonProperty("mime_type") String mimeType,
                          @JsonProperty("size_in_bytes") Long sizeInBytes) {
    }

    /** Our extension object: every feed the story came through. */
    @Serdeable
    record JsonExtension(List<JsonSource> sources) {
    }

    /** One source of a story. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JsonSource(@JsonProperty("feed_title") String feedTitle, @JsonProperty("feed_url") String feedUrl,
                      @JsonProperty("home_page_url") String homePageUrl, String url) {
    }
}
