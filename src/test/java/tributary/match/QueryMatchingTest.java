package tributary.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryMatchingTest {

    static boolean matches(String query, String title) {
        return matches(query, MatchText.of(title, null, null, null));
    }

    static boolean matches(String query, MatchText item) {
        try {
            return Query.parse(query).matches(item);
        } catch (QuerySyntaxException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Nested
    class VietnameseFolding {

        @ParameterizedTest(name = "{0} finds {1}: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                bao lu     | Bão lũ miền Trung       | true
                bao        | Báo Tuổi Trẻ            | true
                bao        | bao giờ                 | true
                bão        | bao giờ                 | false
                bão        | Báo Tuổi Trẻ            | false
                bão        | Cơn BÃO số 3            | true
                hòa        | hoà bình                | true
                hoà        | Hòa Bình                | true
                thuỷ       | Thủy điện               | true
                thủy       | thuỷ triều              | true
                khoẻ       | sức khỏe                | true
                da nang    | Đà Nẵng mưa lớn         | true
                đà nẵng    | Đà Nẵng mưa lớn         | true
                đa         | da trắng                | false
                đa         | đa dạng                 | true
                da         | đa dạng                 | true
                lũ         | thành lũy               | false
                lũ         | mùa lũ về               | true
                bé         | em bé                   | true
                bé         | dao bén                 | false
                ô          | ô nhiễm không khí       | true
                ô          | o bế                    | false
                o          | ô nhiễm                 | true
                uu         | ưu tiên                 | true
                ưu         | uu tien                 | false
                BÃO        | cơn bão                 | true
                "bão lut"  | bão lụt                 | true
                "bão lut"  | bao lụt                 | false
                nguyen     | NGUYỄN Văn A            | true
                nguyễn     | Nguyên                  | false
                """)
        void matchesPerSyllable(String query, String title, boolean expected) {
            assertEquals(expected, matches(query, title));
        }

        @Test
        void decomposedTextAndQueryMatchLikeComposed() {
            String nfdTitle = Normalizer.normalize("Bão lũ ở Đà Nẵng", Normalizer.Form.NFD);
            String nfdQuery = Normalizer.normalize("bão", Normalizer.Form.NFD);
            assertTrue(matches("bão", nfdTitle));
            assertTrue(matches(nfdQuery, "Bão lũ"));
            assertTrue(matches("\"đà nẵng\"", nfdTitle));
            assertFalse(matches(nfdQuery, "báo chí"));
        }

        @Test
        void wordsSplitOnEverythingButLettersAndDigits() {
            assertTrue(matches("V-League", "Vòng 5 V-League 2024"));
            assertTrue(matches("v league", "V.League"));
            assertFalse(matches("V-League", "league của V"));
            assertTrue(matches("covid-19", "Dịch Covid 19"));
            assertTrue(matches("u23", "U23 Việt Nam"));
            assertFalse(matches("u23", "U 23 Việt Nam"));
            assertTrue(matches("nẵng", "Đà Nẵng, ngày 3"));
        }
    }

    @Nested
    class Phrases {

        @Test
        void matchOnlyConsecutiveTokens() {
            assertTrue(matches("\"áp thấp\"", "Áp thấp nhiệt đới"));
            assertFalse(matches("\"áp thấp\"", "Thấp áp"));
            assertFalse(matches("\"áp thấp\"", "áp suất thấp"));
        }

        @Test
        void doNotCrossFieldBoundaries() {
            MatchText item = MatchText.of("Tin bão", "lũ Nguyễn", List.of("thời tiết", "xã hội"), "nội dung");
            assertFalse(matches("\"bão lũ\"", item));
            assertFalse(matches("\"tiết xã\"", item));
            assertTrue(matches("\"thời tiết\"", item));
            assertTrue(matches("bão lũ", item));
        }
    }

    @Nested
    class Operators {

        @Test
        void orBindsTighterThanSpace() {
            assertTrue(matches("a b OR c d", "a c d"));
            assertTrue(matches("a b OR c d", "a b d"));
            assertFalse(matches("a b OR c d", "a b c"));
            assertFalse(matches("a b OR c", "b c"));
        }

        @Test
        void lowerCaseOrIsAWord() {
            assertFalse(matches("a or b", "a"));
            assertTrue(matches("a or b", "a or b"));
        }

        @Test
        void minusExcludes() {
            assertTrue(matches("bão -\"bão giá\"", "bão số 3"));
            assertFalse(matches("bão -\"bão giá\"", "Cơn bão giá xăng"));
            assertTrue(matches("-title:quảng", "Tin quang"));
            assertFalse(matches("-title:quảng", "Tin Quảng Nam"));
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', textBlock = """
                Bão số 3 đổ bộ Quảng Ninh                | true
                Lũ quét ở Lào Cai                        | true
                Áp thấp nhiệt đới mạnh lên               | true
                Cơn bão giá xăng dầu                     | false
                Bão giá và lũ                            | false
                Báo chí đưa tin thời tiết                | false
                Áp thấp gần biển Đông                    | false
                Thời tiết nhiệt đới áp thấp              | false
                """)
        void topicQuery(String title, boolean expected) {
            assertEquals(expected, matches("bão OR lũ OR \"áp thấp nhiệt đới\" -\"bão giá\"", title));
        }
    }

    @Nested
    class Prefixes {

        final MatchText item = MatchText.of("Bóng đá hôm nay", "Nguyễn An", List.of("Thể thao", "Quốc tế"),
                "Trận đấu diễn ra tại Hà Nội");

        @Test
        void restrictToTheirField() {
            assertTrue(matches("title:bóng", item));
            assertFalse(matches("title:nguyễn", item));
            assertTrue(matches("author:nguyen", item));
            assertFalse(matches("author:bóng", item));
            assertTrue(matches("category:\"thể thao\"", item));
            assertTrue(matches("category:quoc", item));
            assertFalse(matches("category:hà", item));
            assertTrue(matches("hà nội", item));
            assertTrue(matches("TITLE:bong", item));
            assertTrue(matches("title:/^bóng/", item));
            assertFalse(matches("author:/^bóng/", item));
        }

        @Test
        void unknownPrefixIsPartOfTheWords() {
            assertTrue(matches("foo:bar", "foo bar"));
            assertFalse(matches("foo:bar", "bar"));
        }
    }

    @Nested
    class Regexes {

        @Test
        void anchorAtTheStartOfTheTitle() {
            assertTrue(matches("/^\\[(PR|QC)\\]/", "[PR] Khuyến mãi lớn"));
            assertFalse(matches("/^\\[(PR|QC)\\]/", "Tin tức [PR] Khuyến mãi"));
            MatchText bodyOnly = MatchText.of("Tin", null, null, "[QC] quảng cáo");
            assertTrue(matches("/^\\[(PR|QC)\\]/", bodyOnly));
            assertFalse(matches("title:/^\\[(PR|QC)\\]/", bodyOnly));
        }

        @Test
        void areCaseInsensitiveAndSeeVietnamese() {
            assertTrue(matches("/khuyến mãi/", "KHUYẾN MÃI"));
            assertTrue(matches("/bão\\s+số/", Normalizer.normalize("Bão  số 3", Normalizer.Form.NFD)));
            assertFalse(matches("/bão/", "bao"));
        }

        @Test
        void escapedSlashIsALiteralSlash() {
            assertTrue(matches("/km\\/h/", "gió 100 km/h"));
            assertFalse(matches("/km\\/h/", "gió 100 km h"));
        }

        @Test
        void catastrophicPatternsFinish() {
            String body = "a".repeat(10_000) + "b";
            assertFalse(matches("/(a+)+$/", MatchText.of(null, null, null, body)));
            assertTrue(matches("/(a+)+b$/", MatchText.of(null, null, null, body)));
        }
    }
}
