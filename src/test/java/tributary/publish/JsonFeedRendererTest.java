package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON Feed fields that depend on what a story carries. */
class JsonFeedRendererTest {

    private final ObjectMapper mapper = ObjectMapper.getDefault();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"image/jpeg, https://x.example/a.jpg", "audio/mpeg, "})
    void anImageEnclosureIsAlsoTheItemsImage(String type, String image) throws Exception {
        Story story = new Story("abc", null, "https://x.example/a", "A", null, "<p>a</p>", null, List.of(),
                "https://x.example/a." + (type.startsWith("image") ? "jpg" : "mp3"), type, 10L,
                Instant.parse("2026-01-28T07:30:00Z"), null, Instant.parse("2026-01-28T07:31:00Z"),
                List.of(new StorySource("Feed", "https://x.example/rss", null, "https://x.example/a",
                        Instant.parse("2026-01-28T07:31:00Z"))));
        FeedDocument doc = new FeedDocument("urn:tributary:feed:x", "X", null, "https://t.example/",
                "https://t.example/feeds/x.json", null, 5, List.of(story), null, null, "vi");
        JsonNode feed = mapper.readValue(new JsonFeedRenderer(mapper).render(doc), JsonNode.class);
        JsonNode item = feed.get("items").get(0);
        if (image == null) {
            assertNull(item.get("image"));
        } else {
            assertEquals(image, item.get("image").getStringValue());
        }
        assertEquals(type, item.get("attachments").get(0).get("mime_type").getStringValue());
        assertEquals("vi", feed.get("language").getStringValue());
    }
}
