package tributary.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tributary.store.FeedSettings;

class FeedSettingsFormTest {

    private static final FeedSettingsForm.CategoryNames NAMES = new FeedSettingsForm.CategoryNames() {
        @Override
        public String slug(String name) {
            return name.equals("thoi-su") || name.equals("Thời sự") ? "thoi-su" : null;
        }

        @Override
        public String unknown(String name) {
            return "unknown category '" + name + "'";
        }
    };

    private final List<String> problems = new ArrayList<>();

    private FeedSettings read(Map<String, ?> fields, FeedSettings base) {
        return FeedSettingsForm.read(fields, base, NAMES,
                (key, index, value, reason) -> problems.add(key + "[" + index + "]=" + value + ": " + reason));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        FeedSettings settings = new FeedSettings(URI.create("https://example.vn/a.rss"), "Ví dụ", List.of("thoi-su"),
                Duration.ofMinutes(90), false, ZoneId.of("Asia/Ho_Chi_Minh"), new FeedSettings.FullText(true,
                "article.fck_detail", List.of(".box-tinlienquan", "div[class=\"banner top\"]")), null);

        Map<String, Object> fields = FeedSettingsForm.write(settings);

        assertEquals(List.of("url", "title", "categories", "interval", "zone", "full_text", "full_text_selector",
                "full_text_remove", "enabled"), List.copyOf(fields.keySet()));
        assertEquals("1h30m", fields.get("interval"));
        assertEquals(settings, read(fields, null));
        assertEquals(List.of(), problems);
    }

    @Test
    void absentKeysKeepTheBaseAndEmptyTitleIntervalZoneOrSelectorClearIt() {
        FeedSettings base = new FeedSettings(URI.create("https://example.vn/a.rss"), "Ví dụ", List.of("thoi-su"),
                Duration.ofMinutes(30), true, ZoneId.of("+07:00"),
                new FeedSettings.FullText(true, "article.fck_detail", List.of(".banner")), null);

        FeedSettings changed = read(Map.of("enabled", false, "zone", "", "title", " ", "full_text_selector", "",
                "interval", ""), base);

        assertEquals(new FeedSettings(base.url(), null, base.categories(), null, false, null,
                new FeedSettings.FullText(true, null, List.of(".banner")), null), changed);
        assertEquals(base, read(Map.of("url", "https://example.vn/a.rss"), base), "the same URL is no change");
    }

    @Test
    void everyRefusedValueIsReportedWithItsKeyAndListIndex() {
        FeedSettings settings = read(Map.of("url", "ftp://x", "categories", List.of("Thời sự", "the-thao"),
                "interval", "30s", "zone", "Hanoi", "enabled", "maybe"), null);

        assertNull(settings);
        assertEquals(List.of(
                "url[-1]=ftp://x: url 'ftp://x' must start with http:// or https://",
                "categories[1]=the-thao: unknown category 'the-thao'",
                "interval[-1]=30s: interval '30s' is below the 1m floor: poll at most once a minute",
                "enabled[-1]=maybe: enabled must be true or false, not 'maybe'",
                "zone[-1]=Hanoi: zone 'Hanoi' is not a time zone: write an offset like +07:00 or a name like "
                        + "Asia/Ho_Chi_Minh"), problems);
    }

    @Test
    void fullTextSelectorsAreCheckedAsJsoupReadsThem() {
        FeedSettings settings = read(Map.of("url", "https://example.vn/a.rss", "full_text", "yes",
                "full_text_selector", "article[", "full_text_remove", List.of(".ok", "div >", "a\nb")), null);

        assertNull(settings);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("full_text_selector[-1]=article[: full_text_selector 'article[' is not a"
                + " CSS selector jsoup can read"), problems.get(0));
        assertTrue(problems.get(1).startsWith("full_text_remove[1]=div >: "), problems.get(1));
        assertTrue(problems.get(2).startsWith("full_text_remove[2]=a\nb: full_text_remove 'a\nb' is not one CSS"
                + " selector"), problems.get(2));
    }

    @Test
    void fullTextIsOffUnlessTurnedOnAndAnyTruthyWordTurnsItOn() {
        assertEquals(FeedSettings.FullText.OFF, read(Map.of("url", "https://example.vn/a.rss"), null).fullText());
        FeedSettings on = read(Map.of("url", "https://example.vn/a.rss", "full_text", "on",
                "full_text_remove", ".banner"), null);
        assertEquals(new FeedSettings.FullText(true, null, List.of(".banner")), on.fullText());
        assertEquals(List.of(), problems);
    }

    @Test
    void aFeedsUrlCannotChange() {
        FeedSettings base = FeedSettings.of(URI.create("https://example.vn/a.rss"));

        assertNull(read(Map.of("url", "https://example.vn/b.rss"), base));
        assertEquals(1, problems.size());
    }

    @Test
    void keepAndBlockAreWrittenOnlyWhenSetAndReadBackTheSame() {
        FeedSettings settings = new FeedSettings(URI.create("https://example.vn/a.rss"), null, List.of(), null, true,
                null, null, new FeedSettings.Filters(List.of("bóng đá", "V-League"), List.of("cá cược")));

        Map<String, Object> fields = FeedSettingsForm.write(settings);

        assertEquals(List.of("url", "categories", "keep", "block"), List.copyOf(fields.keySet()));
        assertEquals(settings, read(fields, null));
        assertEquals(List.of(), problems);
        assertEquals(List.of("url", "categories"), List.copyOf(FeedSettingsForm.write(FeedSettings.of(
                URI.create("https://example.vn/a.rss"))).keySet()));
    }

    @Test
    void anEmptyListClearsTheRulesAndAbsentKeysKeepThem() {
        FeedSettings base = new FeedSettings(URI.create("https://example.vn/a.rss"), null, List.of(), null, true,
                null, null, new FeedSettings.Filters(List.of("bão"), List.of("bão giá")));

        FeedSettings changed = read(Map.of("keep", List.of()), base);

        assertEquals(new FeedSettings.Filters(List.of(), List.of("bão giá")), changed.filters());
    }

    /** Needs match.Query.parse (the match package): an unclosed quote is a syntax error. */
    @Test
    void aBadRuleOrARuleWithALineBreakIsRefusedWithItsIndex() {
        FeedSettings settings = read(Map.of("url", "https://example.vn/a.rss",
                "keep", List.of("bóng đá", "\"V-League"), "block", List.of("cá\ncược")), null);

        assertNull(settings);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("keep[1]=\"V-League: keep rule '\"V-League': "), problems.toString());
        assertTrue(problems.get(1).startsWith("block[0]=cá\ncược: block rule 'cá\ncược': a rule is one line"),
                problems.toString());
    }
}
