package tributary.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tributary.store.FeedSettings;

/** feeds.yml's keep/block rules and topics (issue 16): what is read, and every refusal with its line and reason. */
class FeedsFileFiltersAndTopicsTest {

    /** The example of the README, with the slugs it names declared. */
    static final String EXAMPLE = """
            categories:
              - title: Thời sự
                block: ["quảng cáo", "khuyến mãi", "/^\\\\[(PR|QC)\\\\]/"]
              - title: Thể thao
              - title: Đời sống
            feeds:
              - url: https://example.vn/rss/the-thao.rss
                categories: [the-thao]
                keep: ["bóng đá", "V-League"]
                block: ["cá cược"]
            topics:
              - title: Bão lũ
                query: 'bão OR lũ OR "áp thấp nhiệt đới" -"bão giá"'
                categories: [thoi-su, Đời sống]
              - title: Giá vàng
                slug: vang
                query: vàng
            """;

    private static FeedsFileException refused(String yaml) {
        return assertThrows(FeedsFileException.class, () -> FeedsFileParser.parse(yaml, "feeds.yml"));
    }

    private static FeedsFileException.Problem only(FeedsFileException e) {
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Nested
    class ValidFile {

        @Test
        void readsCategoryBlockFeedKeepAndBlockAndTopicsWithTheirLines() throws Exception {
            FeedsFile file = FeedsFileParser.parse(EXAMPLE, "feeds.yml");

            assertEquals(List.of("quảng cáo", "khuyến mãi", "/^\\[(PR|QC)\\]/"), file.categories().get(0).block());
            assertEquals(List.of(), file.categories().get(1).block());
            FeedSettings.Filters filters = file.feeds().get(0).settings().filters();
            assertEquals(List.of("bóng đá", "V-League"), filters.keep());
            assertEquals(List.of("cá cược"), filters.block());
            assertEquals(List.of(new TopicSpec("bao-lu", "Bão lũ", "bão OR lũ OR \"áp thấp nhiệt đới\" -\"bão giá\"",
                            List.of("thoi-su", "doi-song"), 12),
                    new TopicSpec("vang", "Giá vàng", "vàng", List.of(), 15)), file.topics());
        }

        @Test
        void aSingleRuleStandsForAListOfOneAndAFileWithoutTopicsHasNone() throws Exception {
            FeedsFile file = FeedsFileParser.parse("""
                    categories:
                      - title: Thời sự
                        block: quảng cáo
                    feeds:
                      - url: https://example.vn/rss/thoi-su.rss
                        keep: bão
                    """, "feeds.yml");

            assertEquals(List.of("quảng cáo"), file.categories().get(0).block());
            assertEquals(List.of("bão"), file.feeds().get(0).settings().filters().keep());
            assertEquals(List.of(), file.topics());
        }

        @Test
        void aTopicMayNameACategoryTheApiAddedBySlugWhichIsCheckedWhenTheFileIsApplied() throws Exception {
            FeedsFile file = FeedsFileParser.parse("""
                    feeds: []
                    topics:
                      - title: Bão
                        query: bão
                        categories: [them-qua-api]
                    """, "feeds.yml");

            assertEquals(List.of("them-qua-api"), file.topics().get(0).categories());
        }
    }

    @Nested
    class RefusedFile {

        @Test
        void aBadFeedRuleIsRefusedAtItsLineNamingTheRuleAndWhy() {
            FeedsFileException e = refused("""
                    feeds:
                      - url: https://example.vn/rss/the-thao.rss
                        keep:
                          - bóng đá
                          - '"V-League'
                    """);

            FeedsFileException.Problem problem = only(e);
            assertEquals(5, problem.line());
            assertTrue(problem.reason().startsWith("keep rule '\"V-League': "), problem.reason());
            assertTrue(problem.reason().length() > "keep rule '\"V-League': ".length() + 10, problem.reason());
        }

        @Test
        void aBadCategoryBlockRuleIsRefusedAtItsLine() {
            FeedsFileException e = refused("""
                    categories:
                      - title: Thời sự
                        block: ["quảng cáo", "/[(/"]
                    feeds: []
                    """);

            FeedsFileException.Problem problem = only(e);
            assertEquals(3, problem.line());
            assertTrue(problem.reason().startsWith("block rule '/[(/': "), problem.reason());
        }

        @Test
        void aRuleWithALineBreakIsRefused() {
            FeedsFileException e = refused("""
                    categories: []
                    feeds:
                      - url: https://example.vn/rss/the-thao.rss
                        block:
                          - "cá\\ncược"
                    """);

            FeedsFileException.Problem problem = only(e);
            assertEquals(5, problem.line());
            assertTrue(problem.reason().contains("a rule is one line"), problem.reason());
        }

        @Test
        void anEmptyRuleIsRefused() {
            FeedsFileException.Problem problem = only(refused("""
                    categories:
                      - title: Thời sự
                        block: ["", "x"]
                    feeds: []
                    """));
            assertEquals(3, problem.line());
            assertTrue(problem.reason().contains("a rule cannot be empty"), problem.reason());
        }

        @Test
        void aTopicNeedsATitleAndAQuery() {
            FeedsFileException e = refused("""
                    feeds: []
                    topics:
                      - query: bão
                      - title: Lũ
                      - title: Bão
                        query: "  "
                    """);

            assertEquals(List.of(3, 4, 5), e.problems().stream().map(FeedsFileException.Problem::line).toList());
            assertTrue(e.problems().get(0).reason().startsWith("a topic needs a 'title'"), e.getMessage());
            assertTrue(e.problems().get(1).reason().startsWith("a topic needs a 'query'"), e.getMessage());
            assertTrue(e.problems().get(2).reason().startsWith("a topic needs a 'query'"), e.getMessage());
        }

        @Test
        void aBadQueryIsRefusedAtItsLineWithTheSentence() {
            FeedsFileException.Problem problem = only(refused("""
                    feeds: []
                    topics:
                      - title: Bão
                        query: 'bão OR "áp thấp'
                    """));

            assertEquals(4, problem.line());
            assertTrue(problem.reason().startsWith("query 'bão OR \"áp thấp': "), problem.reason());
        }

        @Test
        void aTopicNamingAnUnknownCategoryTitleIsRefusedAtThatEntry() {
            FeedsFileException.Problem problem = only(refused("""
                    categories:
                      - title: Thời sự
                    feeds: []
                    topics:
                      - title: Bão
                        query: bão
                        categories:
                          - thoi-su
                          - Đời sống
                    """));

            assertEquals(9, problem.line());
            assertEquals("unknown category 'Đời sống': name one under 'categories:' by its slug or title (known:"
                    + " thoi-su)", problem.reason());
        }

        @Test
        void topicSlugsClashWithNeitherCategoriesNorOtherTopicsNorAll() {
            FeedsFileException e = refused("""
                    categories:
                      - title: Thời sự
                    feeds: []
                    topics:
                      - title: Thời sự
                        query: bão
                      - title: Bão
                        query: bão
                      - title: Bão
                        query: lũ
                      - title: Tất cả
                        slug: all
                        query: lũ
                    """);

            assertEquals(List.of(5, 9, 11), e.problems().stream().map(FeedsFileException.Problem::line).toList());
            assertEquals("topic slug 'thoi-su' is already used by the category on line 2: give the topic another"
                    + " 'slug:' (topics and categories share /feeds/{slug})", e.problems().get(0).reason());
            assertTrue(e.problems().get(1).reason().startsWith(
                    "topic slug 'bao' is already used by the topic on line 7"), e.getMessage());
            assertTrue(e.problems().get(2).reason().startsWith("slug 'all' is reserved"), e.getMessage());
        }

        @Test
        void misspelledTopicKeysAndABareTopicsKeyAreRefused() {
            FeedsFileException e = refused("""
                    feeds: []
                    topics:
                      - title: Bão
                        querry: bão
                    """);
            assertEquals(2, e.problems().size(), e.getMessage());
            FeedsFileException.Problem misspelled = e.problems().get(0);
            assertEquals(4, misspelled.line());
            assertTrue(misspelled.reason().startsWith("unknown key 'querry' in a topic"), misspelled.reason());
            assertTrue(e.problems().get(1).reason().startsWith("a topic needs a 'query'"), e.getMessage());

            FeedsFileException.Problem bare = only(refused("""
                    feeds: []
                    topics:
                    """));
            assertEquals(2, bare.line());
            assertTrue(bare.reason().startsWith("'topics:' has nothing under it"), bare.reason());
        }
    }
}
