package tributary.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFeedParserTest {

    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @CsvSource({
            "https://jsonfeed.org/version/1.1, true",
            "https://jsonfeed.org/version/1, true",
            "http://jsonfeed.org/version/1, true",
            "1.1, true",
            "1, true",
            "2.0, false",
            "https://example.com/version/1, false",
    })
    void acceptsTheVersionSpellingsGeneratorsUse(String version, boolean accepted) {
        assertEquals(accepted, JsonFeedParser.isJsonFeedVersion(version));
    }

    @org.junit.jupiter.api.Test
    void readsAGzipJsonFeedServedWithoutContentEncoding() throws Exception {
        JsonFeedParser json = new JsonFeedParser(ParseConfig.defaults());
        FeedParser parser = new FeedParser(new RomeFeedParser(new XmlDocumentReader(ParseConfig.defaults())), json,
                ParseConfig.defaults());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\",\"title\":\"Nén\"}]}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals("Nén", parser.parse(bytes.toByteArray(), "application/octet-stream").items().get(0).title());
    }

    @org.junit.jupiter.api.Test
    void refusesJsonThatIsNotAFeedWithAReason() throws Exception {
        JsonFeedParser parser = new JsonFeedParser(ParseConfig.defaults());
        FeedParseException e = assertThrows(FeedParseException.class,
                () -> parser.parse("{\"rss\": {\"version\": \"2.0\"}}".getBytes()));
        assertTrue(e.getMessage().contains("not a JSON Feed"), e.getMessage());
        assertEquals("Xin chào", parser.parse(("{\"version\":\"1.1\",\"items\":[{\"id\":\"1\",\"title\":\"Xin chào\","
                + "\"date_published\":\"2026-01-28 14:30\"}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8)).items().get(0).title());
    }

    @org.junit.jupiter.api.Test
    void readsWebSubHubsAndTheFeedUrl() throws Exception {
        ParsedFeed feed = new JsonFeedParser(ParseConfig.defaults()).parse(("{\"version\":\"https://jsonfeed.org/version/1.1\","
                + "\"feed_url\":\"https://example.vn/feed.json\",\"hubs\":[{\"type\":\"rssCloud\",\"url\":\"https://cloud\"},"
                + "{\"type\":\"WebSub\",\"url\":\"https://hub.example/\"},\"junk\"],\"items\":[]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(new FeedLinks(java.util.List.of("https://hub.example/"), "https://example.vn/feed.json"),
                feed.links());
    }
}
