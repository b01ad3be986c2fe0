package tributary.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FeedZoneResolverTest {

    private final FeedZoneResolver zones = new FeedZoneResolver(new NormalizeConfig("Europe/London", "+07:00",
            List.of("bbc.co.uk=Europe/London", "tuoitre.vn=+08:00", "vnexpress.net=Asia/Ho_Chi_Minh", "")));

    @ParameterizedTest(name = "[{index}] {0} lang={1} → {2}")
    @CsvSource(nullValues = "-", value = {
            "https://dantri.com.vn/rss/xa-hoi.rss, -, +07:00",
            "https://vnexpress.net/rss/thoi-su.rss, -, Asia/Ho_Chi_Minh",
            "https://example.com/feed, vi, +07:00",
            "https://example.com/feed, vi-VN, +07:00",
            "https://example.com/feed, en-US, Europe/London",
            "https://example.com/feed, -, Europe/London",
            "https://feeds.bbci.co.uk/vietnamese/rss.xml, vi, +07:00",
            "https://tuoitre.vn/rss/thoi-su.rss, vi, +08:00",
            "https://cdn.tuoitre.vn/rss/thoi-su.rss, -, +08:00",
            "https://www.bbc.co.uk/news.rss, vi, Europe/London",
    })
    void picksTheSiteZoneThenVietnameseThenTheDefault(String url, String language, String expected) {
        assertEquals(ZoneId.of(expected), zones.zoneFor(URI.create(url), language));
    }

    @Test
    void defaultsToUtcAndPlusSevenForVietnamese() {
        FeedZoneResolver defaults = FeedZoneResolver.defaults();
        assertEquals(ZoneOffset.UTC, defaults.zoneFor(URI.create("https://example.com/"), null));
        assertEquals(ZoneOffset.ofHours(7), defaults.zoneFor(URI.create("https://dantri.com.vn/rss/xa-hoi.rss"), null));
    }

    @Test
    void refusesABadZoneWithTheKeyToFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeedZoneResolver(new NormalizeConfig("Mars/Olympus", "+07:00", List.of())));
        assertTrue(e.getMessage().contains("tributary.normalize.default-zone"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new FeedZoneResolver(new NormalizeConfig("UTC", "+07:00", List.of("no-equals-sign"))));
    }
}
