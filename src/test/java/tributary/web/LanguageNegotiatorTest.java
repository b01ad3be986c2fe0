package tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Accept-Language to page language: q-values, regional ranges, ties, and what falls to the default. */
class LanguageNegotiatorTest {

    @ParameterizedTest(name = "[{0}] with default {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                          | VI | VI",
            "''                            | EN | EN",
            "vi                            | EN | VI",
            "en                            | VI | EN",
            "EN-gb                         | VI | EN",
            "fr                            | VI | VI",
            "fr                            | EN | EN",
            "*                             | EN | EN",
            "fr-FR, fr;q=0.9, en;q=0.5     | VI | EN",
            "vi;q=0.4, en;q=0.6            | VI | EN",
            "en;q=0.5, vi;q=0.5            | VI | EN",
            "en;q=0, vi;q=0.1              | EN | VI",
            "en;q=0                        | VI | VI",
            "en;q=abc, vi;q=0.2            | EN | VI",
            "en;q=2, vi;q=0.2              | EN | VI",
            "vi-VN,vi;q=0.9,fr-FR;q=0.8,en | EN | VI"})
    void picksTheSupportedLanguageWithTheHighestQuality(String header, UiLanguage fallback, UiLanguage expected) {
        assertEquals(expected, LanguageNegotiator.pick(header, fallback));
    }

    @org.junit.jupiter.api.Test
    void readsOnlyTheFirstRangesOfAHugeHeader() {
        String header = "fr;q=0.1,".repeat(LanguageNegotiator.MAX_RANGES) + "en";
        assertEquals(UiLanguage.VI, LanguageNegotiator.pick(header, UiLanguage.VI));
    }
}
