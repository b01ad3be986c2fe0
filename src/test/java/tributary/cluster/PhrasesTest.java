package tributary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known phrases in folded syllables (the gazetteer's scan) and phrases on syllable bounds (the rule's anchors). */
class PhrasesTest {

    private static final Phrases PLACES = new Phrases(Map.of("nam", "nam", "nam carolina", "sc",
            Gazetteer.fold("thành phố hồ chí minh"), "hcm", Gazetteer.fold("hồ"), "lake"));

    private static List<String> folded(String text) {
        return List.of(Gazetteer.fold(text).split(" "));
    }

    @Nested
    class Find {

        @Test
        void aRunIsReadAsItsLongestPhrase() {
            assertEquals(Set.of("sc"), PLACES.find(folded("bang Nam Carolina của Mỹ")));
        }

        @Test
        void phrasesOfFiveSyllablesAreFound() {
            assertEquals(Set.of("hcm"), PLACES.find(folded("mưa lớn ở Thành phố Hồ Chí Minh")));
        }

        @Test
        void aShorterPhraseIsFoundWhereTheLongerBreaksOff() {
            assertEquals(Set.of("nam", "lake"), PLACES.find(folded("miền Nam, hồ Tây")));
        }

        @Test
        void nothingKnownFindsNothing() {
            assertEquals(Set.of(), PLACES.find(folded("giá vàng hôm nay")));
        }
    }

    @ParameterizedTest
    @CsvSource({"hà nội, mưa ở hà nội hôm nay, true", "hà nội, hà nội, true", "nội, hà nội, true",
        "hà, hàn quốc, false", "nội, nội, true", "hà nội, hà nộii, false", "hà nội, ha hà nội, true"})
    void aPhraseOccursOnlyOnSyllableBounds(String phrase, String text, boolean occurs) {
        assertEquals(occurs, Phrases.occurs(Gazetteer.fold(phrase), Gazetteer.fold(text)));
    }

    @Test
    void theLeadOfALongSummaryEndsWithAWord() {
        String summary = "từ ".repeat(200);
        String lead = FeatureExtractor.lead(summary);
        assertTrue(lead.length() <= FeatureExtractor.LEAD);
        assertTrue(lead.endsWith("từ"));
        assertFalse(lead.isEmpty());
        assertEquals("ngắn", FeatureExtractor.lead("ngắn"));
    }
}
