package tributary.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.store.FeedSettings;

class FeedsFileParserTest {

    private static FeedsFileException refused(String yaml) {
        return assertThrows(FeedsFileException.class, () -> FeedsFileParser.parse(yaml, "feeds.yml"));
    }

    @Nested
    class ValidFile {

        @Test
        void readsCategoriesAndFeedsWithDerivedSlugsAndOptionalFields() throws Exception {
            FeedsFile file = FeedsFileParser.parse("""
                    categories:
                      - title: Thời sự            # slug derived
                        description: Tin thời sự trong nước
                      - slug: ha-noi
                        title: Hà Nội
                    feeds:
                      - url: https://example.vn/rss/thoi-su.rss
                        categories: [thoi-su]
                      - url: https://example.vn/rss/ha-noi.rss
                        title: Ví dụ – Hà Nội
                        categories: [Hà Nội, thoi-su]
                        interval: 30m
                        enabled: false
                    """, "feeds.yml");

            assertEquals(List.of("thoi-su", "ha-noi"), file.categories().stream().map(CategorySpec::slug).toList());
            assertEquals("Tin thời sự trong nước", file.categories().get(0).description());
            FeedSpec first = file.feeds().get(0);
            assertEquals("https://example.vn/rss/thoi-su.rss", first.settings().url().toString());
            assertNull(first.settings().interval());
            assertTrue(first.settings().enabled());
            FeedSpec second = file.feeds().get(1);
            assertEquals("Ví dụ – Hà Nội", second.settings().title());
            assertEquals(List.of("ha-noi", "thoi-su"), second.settings().categories());
            assertEquals(Duration.ofMinutes(30), second.settings().interval());
            assertNull(second.settings().zone());
            assertEquals(false, second.settings().enabled());
            assertEquals(9, second.line());
        }

        @Test
        void readsTheFullTextKeysWithAFlowListABlockListOrOneSelector() throws Exception {
            FeedsFile file = FeedsFileParser.parse("""
                    categories:
                      - title: Thời sự
                    feeds:
                      - url: https://vnexpress.net/rss/thoi-su.rss
                        categories: [thoi-su]
                        full_text: true                          # fetch each new item's page
                        full_text_selector: "article.fck_detail"  # optional: CSS selector of the article body
                        full_text_remove: [".box-tinlienquan", ".banner"]   # optional: selectors dropped from it
                      - url: https://tuoitre.vn/rss/thoi-su.rss
                        full_text: yes
                        full_text_remove:
                          - div[type=RelatedOneNews]
                          - .VCSortableInPreviewMode
                      - url: https://thanhnien.vn/rss/thoi-su.rss
                        full_text_remove: .banner
                      - url: https://dantri.com.vn/rss/thoi-su.rss
                    """, "feeds.yml");

            assertEquals(new FeedSettings.FullText(true, "article.fck_detail", List.of(".box-tinlienquan", ".banner")),
                    file.feeds().get(0).settings().fullText());
            assertEquals(new FeedSettings.FullText(true, null,
                    List.of("div[type=RelatedOneNews]", ".VCSortableInPreviewMode")), file.feeds().get(1).settings().fullText());
            assertEquals(new FeedSettings.FullText(false, null, List.of(".banner")), file.feeds().get(2).settings().fullText());
            assertEquals(FeedSettings.FullText.OFF, file.feeds().get(3).settings().fullText());
        }

        @Test
        void composesDecomposedTitles() throws Exception {
            String yaml = Normalizer.normalize("categories:\n  - title: Đời sống\nfeeds:\n"
                    + "  - url: https://a.example/f\n    categories: [Đời sống]\n", Normalizer.Form.NFD);
            FeedsFile file = FeedsFileParser.parse(yaml, "feeds.yml");
            assertEquals("Đời sống", file.categories().get(0).title());
            assertEquals(List.of("doi-song"), file.feeds().get(0).settings().categories());
        }

        @Test
        void theShippedFeedsYmlIsValid() throws Exception {
            FeedsFile file = FeedsFileParser.parse(Files.readString(Path.of("feeds.yml")), "feeds.yml");
            assertTrue(file.categories().size() >= 3 && file.categories().size() <= 5);
            assertTrue(file.feeds().size() >= 10);
        }
    }

    @Nested
    class CategoryClustering {

        @ParameterizedTest(name = "[{index}] clustering: {0}")
        @CsvSource({"false,false", "no,false", "off,false", "true,true", "yes,true", "'',true"})
        void isOnUnlessTheCategorySaysFalse(String written, boolean clustering) throws Exception {
            FeedsFile file = FeedsFileParser.parse("""
                    categories:
                      - title: Thời sự
                        clustering: %s
                    feeds: []
                    """.formatted(written), "feeds.yml");
            assertEquals(clustering, file.categories().get(0).clustering());
        }

        @Test
        void anyOtherValueIsRefusedWithItsLine() {
            FeedsFileException e = refused("""
                    categories:
                      - title: Thời sự
                        clustering: sometimes
                    feeds: []
                    """);
            assertEquals(3, e.problems().get(0).line());
            assertTrue(e.getMessage().contains("clustering must be true or false, not 'sometimes'"), e.getMessage());
        }
    }

    @Nested
    class RefusedFile {

        @Test
        void unknownCategoryNamesTheLineAndTheKnownSlugs() {
            FeedsFileException e = refused("""
                    categories:
                      - title: Thời sự
                    feeds:
                      - url: https://example.vn/a.rss
                        categories: [the-thao]
                    """);
            assertEquals(1, e.problems().size());
            assertEquals(5, e.problems().get(0).line());
            assertTrue(e.getMessage().contains("feeds.yml:5: unknown category 'the-thao'"), e.getMessage());
            assertTrue(e.getMessage().contains("known: thoi-su"), e.getMessage());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "ftp://example.vn/a.rss|must start with http:// or https://",
                "example.vn/a.rss|must start with http:// or https://",
                "'https://exa mple.vn/a'|not a valid URL",
                "https:///nohost|has no host name"})
        void badUrlIsRefusedWithItsLine(String url, String reason) {
            FeedsFileException e = refused("feeds:\n  - url: " + url + "\n");
            assertEquals(2, e.problems().get(0).line());
            assertTrue(e.problems().get(0).reason().contains(reason), e.getMessage());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "soon|is not a duration",
                "30|is not a duration",
                "30s|below the 1m floor"})
        void badIntervalIsRefused(String interval, String reason) {
            FeedsFileException e = refused("feeds:\n  - url: https://a.example/f\n    interval: " + interval + "\n");
            assertEquals(3, e.problems().get(0).line());
            assertTrue(e.problems().get(0).reason().contains(reason), e.getMessage());
        }

        @Test
        void aBadZoneIsRefusedWithItsLine() {
            FeedsFileException e = refused("feeds:\n  - url: https://a.example/f\n    zone: Hanoi\n");
            assertEquals(3, e.problems().get(0).line());
            assertTrue(e.problems().get(0).reason().contains("zone 'Hanoi' is not a time zone"), e.getMessage());
        }

        @Test
        void aBadSelectorIsRefusedWithItsLineAndReason() {
            FeedsFileException e = refused("""
                    feeds:
                      - url: https://vnexpress.net/rss/thoi-su.rss
                        full_text: true
                        full_text_selector: "article["
                        full_text_remove:
                          - .banner
                          - "div["
                    """);
            assertEquals(List.of(4, 7), e.problems().stream().map(FeedsFileException.Problem::line).toList(),
                    e.getMessage());
            assertTrue(e.getMessage().contains("feeds.yml:4: full_text_selector 'article[' is not a CSS selector jsoup"
                    + " can read ("), e.getMessage());
            assertTrue(e.getMessage().contains("feeds.yml:7: full_text_remove 'div[' is not a CSS selector"),
                    e.getMessage());
            assertTrue(e.problems().get(0).reason().endsWith("write it like article.fck_detail, div#main-detail or"
                    + " .box-tinlienquan"), e.getMessage());
        }

        @Test
        void fullTextMustBeTrueOrFalse() {
            FeedsFileException e = refused("feeds:\n  - url: https://a.example/f\n    full_text: sometimes\n");
            assertEquals(3, e.problems().get(0).line());
            assertTrue(e.problems().get(0).reason().contains("full_text must be true or false, not 'sometimes'"),
                    e.getMessage());
        }

        @Test
        void duplicateUrlNamesBothLines() {
            FeedsFileException e = refused("""
                    feeds:
                      - url: https://a.example/f
                      - url: https://a.example/f
                    """);
            assertTrue(e.getMessage().contains("feeds.yml:3: feed https://a.example/f is already listed on line 2"),
                    e.getMessage());
        }

        @Test
        void yamlSyntaxErrorGivesItsLine() {
            FeedsFileException e = refused("feeds:\n  - url: https://a.example/f\n    categories: [a, b\n");
            assertTrue(e.problems().get(0).reason().startsWith("not valid YAML"), e.getMessage());
            assertTrue(e.problems().get(0).line() >= 3, e.getMessage());
        }

        @Test
        void misspelledKeyIsRefusedRatherThanIgnored() {
            FeedsFileException e = refused("feeds:\n  - url: https://a.example/f\n    categores: [x]\n");
            assertEquals(3, e.problems().get(0).line());
            assertTrue(e.problems().get(0).reason().contains("unknown key 'categores'"), e.getMessage());
        }

        @Test
        void reservedAndDuplicateSlugsAreRefused() {
            FeedsFileException e = refused("""
                    categories:
                      - title: All
                      - title: Thời sự
                      - slug: thoi-su
                        title: Thời sự (2)
                    feeds: []
                    """);
            assertEquals(2, e.problems().size());
            assertTrue(e.problems().get(0).reason().contains("reserved"), e.getMessage());
            assertTrue(e.problems().get(1).reason().contains("already used on line 3"), e.getMessage());
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            FeedsFileException e = refused("""
                    feeds:
                      - url: gopher://a.example/f
                      - title: no url here
                      - url: https://b.example/f
                        enabled: maybe
                    """);
            assertEquals(List.of(2, 3, 5), e.problems().stream().map(FeedsFileException.Problem::line).toList());
        }

        @Test
        void emptyFileAndMissingFeedsListAreRefused() {
            assertTrue(refused("").getMessage().contains("the file is empty"));
            assertTrue(refused("categories: []\n").getMessage().contains("there is no 'feeds:' list"));
        }
    }

    @Nested
    class EmptiedFile {

        private static final String GOOD = """
                categories:
                  - title: Thời sự
                feeds:
                  - url: https://example.vn/rss/thoi-su.rss
                    categories: [thoi-su]
                  - url: https://example.vn/rss/the-gioi.rss
                """;

        @Test
        void feedsWithEveryEntryCommentedOutIsRefusedAtItsLineSayingHowToEmptyItOnPurpose() {
            FeedsFileException e = refused("""
                    categories:
                      - title: Thời sự
                    feeds:
                    #  - url: https://example.vn/rss/thoi-su.rss
                    #    categories: [thoi-su]
                    """);
            assertEquals(1, e.problems().size(), e.getMessage());
            assertEquals(3, e.problems().get(0).line());
            assertTrue(e.getMessage().contains("feeds.yml:3: 'feeds:' has nothing under it"), e.getMessage());
            assertTrue(e.getMessage().contains("would remove every feed: write 'feeds: []' to list none on purpose"),
                    e.getMessage());
        }

        @ParameterizedTest(name = "feeds: [{0}]")
        @ValueSource(strings = {"", "~", "null", "Null", "NULL", "!!null ''", "# all gone"})
        void everySpellingOfNothingUnderFeedsIsRefused(String value) {
            FeedsFileException e = refused("categories: []\nfeeds: " + value + "\n");
            assertEquals(2, e.problems().get(0).line(), e.getMessage());
            assertTrue(e.problems().get(0).reason().contains("write 'feeds: []'"), e.getMessage());
        }

        @ParameterizedTest(name = "categories: [{0}]")
        @ValueSource(strings = {"", "~", "null"})
        void nothingUnderCategoriesIsRefusedToo(String value) {
            FeedsFileException e = refused("""
                    # the list
                    categories: %s
                    #  - title: Thời sự
                    feeds:
                      - url: https://example.vn/rss/thoi-su.rss
                    """.formatted(value));
            assertEquals(1, e.problems().size(), e.getMessage());
            assertEquals(2, e.problems().get(0).line());
            assertTrue(e.problems().get(0).reason().contains("would remove every category: write 'categories: []'"),
                    e.getMessage());
        }

        @Test
        void explicitEmptyListsAreAccepted() throws Exception {
            FeedsFile file = FeedsFileParser.parse("categories: []\nfeeds: []\n", "feeds.yml");
            assertTrue(file.categories().isEmpty());
            assertTrue(file.feeds().isEmpty());
            assertEquals(1, FeedsFileParser.parse("categories: [ ]\nfeeds:\n  - url: https://a.example/f\n",
                    "feeds.yml").feeds().size());
        }

        @ParameterizedTest(name = "[{index}]")
        @ValueSource(strings = {"", "\n\n", "   \n", "# categories:\n#   - title: Thời sự\n# feeds:\n#   - url: https://a.example/f\n",
                "---\n", "--- # nothing\n..."})
        void anEmptyOrCommentOnlyFileIsRefusedSayingHowToEmptyItOnPurpose(String yaml) {
            FeedsFileException e = refused(yaml);
            assertEquals(1, e.problems().get(0).line());
            assertTrue(e.getMessage().contains("the file is empty (or only comments)"), e.getMessage());
            assertTrue(e.getMessage().contains("'categories: []' and 'feeds: []'"), e.getMessage());
        }

        @Test
        void aSaveCutShortBeforeFeedsNamesTheLastLine() {
            FeedsFileException e = refused("categories:\n  - title: Thời sự\n  - title: Thế giới\n");
            assertEquals(3, e.problems().get(0).line());
            assertTrue(e.problems().get(0).reason().contains("there is no 'feeds:' list, which would remove every feed"),
                    e.getMessage());
        }

        @Test
        void everyTruncationOfAFileIsRefusedOrStillListsFeeds() {
            for (int end = 0; end < GOOD.length(); end++) {
                String cut = GOOD.substring(0, end);
                try {
                    FeedsFile file = FeedsFileParser.parse(cut, "feeds.yml");
                    assertTrue(!file.feeds().isEmpty(), "cut at " + end + " emptied the list:\n" + cut);
                } catch (FeedsFileException e) {
                    assertTrue(!e.problems().isEmpty());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"90s,90", "15m,900", "1h30m,5400", "2h,7200", "1d,86400", "PT45M,2700"})
    void intervalsAreReadInShortAndIsoForms(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), IntervalParser.parse(text).orElseThrow());
    }
}
