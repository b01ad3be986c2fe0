package tributary.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tributary.parse.ParsedItem;

class ItemNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-01-28T12:00:00Z");
    private static final URI VN_FEED = URI.create("https://baomoi.example.vn/rss/doi-song.rss");
    private static final URI COM_FEED = URI.create("https://news.example.com/rss.xml");

    private final ItemNormalizer normalizer = new ItemNormalizer(FeedZoneResolver.defaults());

    private static ParsedItem item(String guid, String link, String title, String publishedText, Instant published) {
        return new ParsedItem(guid, link, title, null, "<p>body</p>", null, List.of(), null, published, null,
                publishedText, null, null);
    }

    @Nested
    class Dates {

        @Test
        void readsAZonelessVietnameseDateAtPlusSevenOnAVnSite() {
            assertEquals(Instant.parse("2026-01-28T07:30:00Z"),
                    normalizer.normalize(item("1", null, "t", "28/01/2026 14:30", null), 1, VN_FEED, null, NOW).published());
        }

        @Test
        void readsItAtPlusSevenWhenTheFeedSaysItIsVietnamese() {
            assertEquals(Instant.parse("2026-01-28T07:30:00Z"),
                    normalizer.normalize(item("1", null, "t", "2026-01-28 14:30:00", null), 1, COM_FEED, "vi-VN", NOW)
                            .published());
            assertEquals(Instant.parse("2026-01-28T14:30:00Z"),
                    normalizer.normalize(item("1", null, "t", "2026-01-28 14:30:00", null), 1, COM_FEED, "en", NOW)
                            .published());
        }

        @Test
        void prefersItsOwnReadingOfTheTextOverTheLibrarys() {
            // Rome reads a zoneless date in the JVM's zone; the text read in the feed's zone wins.
            Instant libraryGuess = Instant.parse("2026-01-28T14:30:00Z");
            assertEquals(Instant.parse("2026-01-28T07:30:00Z"),
                    normalizer.normalize(item("1", null, "t", "Wed, 28 Jan 2026 14:30:00", libraryGuess), 1, VN_FEED,
                            null, NOW).published());
        }

        @Test
        void keepsTheLibrarysDateWhenTheTextIsUnreadable() {
            Instant library = Instant.parse("2026-01-28T01:00:00Z");
            assertEquals(library, normalizer.normalize(item("1", null, "t", "gibberish", library), 1, VN_FEED, null, NOW)
                    .published());
        }

        @Test
        void leavesAMissingOrUnreadableDateNullSoTheStoreUsesFirstSeen() {
            assertNull(normalizer.normalize(item("1", null, "t", null, null), 1, VN_FEED, null, NOW).published());
            assertNull(normalizer.normalize(item("1", null, "t", "Chiều 15/1", null), 1, VN_FEED, null, NOW).published());
        }

        @Test
        void clampsADateMoreThanADayAheadToFirstSeen() {
            assertNull(normalizer.normalize(item("1", null, "t", "30/01/2026 12:00", null), 1, VN_FEED, null, NOW)
                    .published());
            assertEquals(Instant.parse("2026-01-29T05:00:00Z"),
                    normalizer.normalize(item("1", null, "t", "29/01/2026 12:00", null), 1, VN_FEED, null, NOW).published());
        }
    }

    @Nested
    class Links {

        private NormalizedItem withBase(String link, String xmlBase, String html) {
            return normalizer.normalize(new ParsedItem("1", link, "t", null, html, null, List.of(),
                    new tributary.parse.ParsedEnclosure("audio/1.mp3", "audio/mpeg", null), null, null, null, null, xmlBase),
                    1, COM_FEED, null, NOW);
        }

        @Test
        void resolvesLinksContentAndEnclosuresAgainstXmlBase() {
            NormalizedItem item = withBase("a/1.html", "http://example.com/test/", "<a href=\"test.html\">x</a>");
            assertEquals("http://example.com/test/a/1.html", item.url());
            assertEquals("<a href=\"http://example.com/test/test.html\">x</a>", item.content());
            assertEquals("http://example.com/test/audio/1.mp3", item.enclosureUrl());
        }

        @Test
        void resolvesARelativeXmlBaseAgainstTheDocumentUrl() {
            NormalizedItem item = withBase("1.html", "/section/", "<a href=\"x.html\">x</a>");
            assertEquals("https://news.example.com/section/1.html", item.url());
        }

        @Test
        void ignoresAnUnsafeXmlBase() {
            NormalizedItem item = withBase("/relative/link", "javascript:alert(1)//", "<a href=\"/relative/uri\">x</a>");
            assertEquals("https://news.example.com/relative/link", item.url());
            assertEquals("<a href=\"https://news.example.com/relative/uri\">x</a>", item.content());
        }
    }

    @Nested
    class Identity {

        @Test
        void hashesAFiveKilobyteGuid() {
            String guid = "urn:x:" + "ă".repeat(5 * 1024);
            NormalizedItem a = normalizer.normalize(item(guid, null, "t", null, null), 1, VN_FEED, null, NOW);
            NormalizedItem b = normalizer.normalize(item(guid + "!", null, "t", null, null), 1, VN_FEED, null, NOW);
            assertEquals(64, a.identityHash().length());
            assertNotEquals(a.identityHash(), b.identityHash());
        }

        @Test
        void givesTheSameStoryToOneArticleLinkedWithDifferentTrackingParameters() {
            NormalizedItem a = normalizer.normalize(item("a-1", "https://Example.vn/bai-viet-1.html?utm_source=rss&fbclid=x",
                    "Tiêu đề", null, null), 1, VN_FEED, null, NOW);
            NormalizedItem b = normalizer.normalize(item("b-9", "https://example.vn:443/bai-viet-1.html?gclid=y#top",
                    "Tiêu đề khác", null, null), 2, VN_FEED, null, NOW);
            assertEquals(a.storyHash(), b.storyHash());
            assertNotEquals(a.identityHash(), b.identityHash());
        }

        @Test
        void givesOneSiteTitleKeyToComposedAndDecomposedTitlesOnTheSameSite() {
            String title = "Đời sống người lao động dịp cuối năm";
            NormalizedItem composed = normalizer.normalize(item("1", "https://www.example.vn/a.html", title, null, null),
                    1, VN_FEED, null, NOW);
            NormalizedItem decomposed = normalizer.normalize(item("2", "https://example.vn/b.html",
                    Normalizer.normalize(title, Normalizer.Form.NFD), null, null), 2, VN_FEED, null, NOW);
            NormalizedItem otherSite = normalizer.normalize(item("3", "https://other.vn/a.html", title, null, null),
                    3, VN_FEED, null, NOW);
            assertEquals(composed.siteTitleKey(), decomposed.siteTitleKey());
            assertNotEquals(composed.siteTitleKey(), otherSite.siteTitleKey());
            assertNotEquals(composed.storyHash(), decomposed.storyHash(), "links differ: only the store joins them");
        }
    }
}
