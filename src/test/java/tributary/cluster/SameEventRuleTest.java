package tributary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per trap class the issue names, on real items of the labelled set (ids as in items.tsv). */
class SameEventRuleTest {

    private static Map<String, ClusterItem> items;

    @BeforeAll
    static void load() throws Exception {
        items = ClusterEvaluation.items().stream()
                .collect(Collectors.toMap(l -> l.item().id(), ClusterEvaluation.Labelled::item));
    }

    private static Verdict judge(String a, String b) {
        return StoryClusterer.judge(items.get(a), items.get(b));
    }

    @Nested
    class Joins {

        @Test
        void theSameShootingUnderTwoSpellingsOfTheState() {
            assertTrue(judge("d21", "d22").same());
        }

        @Test
        void theSameStormUnderItsNameAndItsNumber() {
            // "Bão Thần Gió (bão số 12)" and "Bão số 12 (Fengshen)"
            assertTrue(judge("k01", "k02").same());
        }

        @Test
        void theSamePartnershipFromTwoPublishers() {
            assertTrue(judge("k07", "k08").same());
        }
    }

    @Nested
    class KeepsApart {

        @Test
        void theSamePhraseWithAnotherCountry() {
            // Việt Nam – Phần Lan strategic partnership vs the visit to Bulgaria
            assertFalse(judge("k07", "k11").same());
        }

        @Test
        void aPreviewAndTheResultOfOneMatch() {
            Verdict v = judge("d69", "h01");
            assertFalse(v.same());
            assertTrue(v.reason().contains("stage"), v.reason());
        }

        @Test
        void anAccusationAndTheAnswer() {
            assertFalse(judge("d40", "d41").same());
        }

        @Test
        void twoStormsTheSameDay() {
            assertEquals("different storms", judge("d46", "d47").reason());
        }

        @Test
        void twoStormNumbers() {
            assertFalse(judge("d50", "k02").same());
        }

        @Test
        void twoFloodsInTwoCountries() {
            assertFalse(judge("d44", "d45").same());
        }

        @Test
        void aDigestAndOneOfItsStories() {
            assertEquals("a digest of several stories", judge("d48", "d23").reason());
        }
    }

    @Nested
    class Clusterer {

        @Test
        void joinsOnlyItemsOfDifferentSites() {
            StoryClusterer clusterer = new StoryClusterer(ClusterConfig.DEFAULTS);
            ClusterItem copy = items.get("d22");
            clusterer.add(copy);
            int sameSite = clusterer.add(new ClusterItem("copy", copy.site(), copy.published(), copy.title(),
                    copy.summary()));
            assertEquals(1, sameSite);
            // Another site's report joins one of them: the newer, as ingest picks among equally likely candidates.
            assertEquals(1, clusterer.add(items.get("d23")));
        }

        @Test
        void joinsNothingOutsideTheWindow() {
            StoryClusterer clusterer = new StoryClusterer(ClusterConfig.DEFAULTS);
            clusterer.add(items.get("d22"));
            ClusterItem late = items.get("d23");
            ClusterItem threeDaysLater = new ClusterItem(late.id(), late.site(),
                    OffsetDateTime.parse("2025-10-15T15:46:00+07:00").toInstant(), late.title(), late.summary());
            assertEquals(1, clusterer.add(threeDaysLater));
        }

        /** d22 at its own site, then the same text an hour later at the same site (not joined: one site). */
        private StoryClusterer twoCopiesOfOneSite(ClusterConfig config) {
            StoryClusterer clusterer = new StoryClusterer(config);
            ClusterItem first = items.get("d22");
            clusterer.add(first);
            clusterer.add(new ClusterItem("again", first.site(), first.published().plusSeconds(3600), first.title(),
                    first.summary()));
            assertEquals(0, clusterer.comparisons());
            return clusterer;
        }

        private static ClusterItem elsewhere(ClusterItem copy) {
            return new ClusterItem("elsewhere", "elsewhere.example", copy.published().plusSeconds(7200), copy.title(),
                    copy.summary());
        }

        @Test
        void judgesOnlyTheNewestItemsUnderEachKeyAsTheStoreReadsThem() {
            StoryClusterer clusterer = twoCopiesOfOneSite(new ClusterConfig(Duration.ofHours(48), 32, 2, 1, 16));
            // Both copies share every key with the newcomer; the store reads only the newest one per key.
            assertEquals(1, clusterer.add(elsewhere(items.get("d22"))));
            assertEquals(1, clusterer.comparisons());
        }

        @Test
        void judgesAtMostMaxCandidates() {
            StoryClusterer clusterer = twoCopiesOfOneSite(new ClusterConfig(Duration.ofHours(48), 32, 2, 20, 1));
            clusterer.add(elsewhere(items.get("d22")));
            assertEquals(1, clusterer.comparisons());
        }
    }
}
