package tributary.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugDeriverTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "Thời sự|thoi-su",
            "Đời sống|doi-song",
            "ĐỜI SỐNG|doi-song",
            "Hà Nội|ha-noi",
            "Xã hội|xa-hoi",
            "Thế giới|the-gioi",
            "Kinh doanh|kinh-doanh",
            "Sức khỏe|suc-khoe",
            "Giáo dục & Khuyến học|giao-duc-khuyen-hoc",
            "Khoa học – Công nghệ|khoa-hoc-cong-nghe",
            "  Pháp luật  |phap-luat",
            "Tin 24/7|tin-24-7",
            "World News|world-news",
            "Café crème|cafe-creme"})
    void derivesAsciiSlugsFromTitles(String title, String slug) {
        assertEquals(slug, SlugDeriver.derive(title));
    }

    @Test
    void decomposedTitleGivesTheSameSlugAsComposed() {
        String decomposed = Normalizer.normalize("Thời sự – Đời sống", Normalizer.Form.NFD);
        assertEquals("thoi-su-doi-song", SlugDeriver.derive(decomposed));
    }

    @Test
    void titleWithoutLettersGivesEmptySlug() {
        assertEquals("", SlugDeriver.derive("!!! …"));
    }

    @Test
    void longTitlesAreCutWithoutATrailingHyphen() {
        String slug = SlugDeriver.derive("tin ".repeat(60));
        assertTrue(slug.length() <= SlugDeriver.MAX_LENGTH);
        assertFalse(slug.endsWith("-"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"thoi-su", "a", "tin-24-7"})
    void acceptsHandWrittenSlugs(String slug) {
        assertTrue(SlugDeriver.isValid(slug));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thoi-su", "thời-sự", "-thoi", "thoi--su", "thoi su", ""})
    void refusesSlugsThatAreNotUrlSafe(String slug) {
        assertFalse(SlugDeriver.isValid(slug));
    }
}
