package tributary.cluster;

import java.util.HashSet;
import java.util.Set;

/**
 * The precise decision on a candidate pair. Shared vocabulary is necessary, not sufficient: the pair must share an
 * anchor (a headline name or place found in the other item), and nothing that identifies an event may disagree:
 * headline places, headline numbers, dates, storm names and numbers, stage, and the protagonists of both headlines.
 */
final class SameEventRule {

    /** Share of the smaller item's content syllables found in the other, with an anchor. */
    static final double LIKENESS = 0.38;
    /** The same share with no anchor at all: near copies only. */
    static final double LIKENESS_ALONE = 0.6;

    /**
     * Fewer content syllables than this in either item and nothing is decided: on a bare headline of a few words,
     * likeness measures the words, not the event ("Hostile title one" vs "Hostile RSS title one").
     */
    static final int MIN_CONTENT = 8;

    private SameEventRule() {
    }

    static Verdict decide(StoryFeatures a, StoryFeatures b) {
        double likeness = likeness(a.content(), b.content());
        if (Math.min(a.content().size(), b.content().size()) < MIN_CONTENT) {
            return new Verdict(false, likeness, "too little text to judge");
        }
        String veto = veto(a, b);
        if (veto != null) {
            return new Verdict(false, likeness, veto);
        }
        boolean anchored = anchored(a, b) || anchored(b, a);
        if (anchored && likeness >= LIKENESS) {
            return new Verdict(true, likeness, "anchored and alike");
        }
        if (likeness >= LIKENESS_ALONE) {
            return new Verdict(true, likeness, "near copy");
        }
        return new Verdict(false, likeness, anchored ? "too little in common" : "no shared name or place");
    }

    static double likeness(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String s : a) {
            if (b.contains(s)) {
                shared++;
            }
        }
        return (double) shared / Math.min(a.size(), b.size());
    }

    private static String veto(StoryFeatures a, StoryFeatures b) {
        if (!a.stormNumbers().isEmpty() && !b.stormNumbers().isEmpty() && disjoint(a.stormNumbers(), b.stormNumbers())) {
            return "different storm numbers";
        }
        if (!a.stormNames().isEmpty() && !b.stormNames().isEmpty() && disjoint(a.stormNames(), b.stormNames())) {
            return "different storms";
        }
        if (!a.dates().isEmpty() && !b.dates().isEmpty() && disjoint(a.dates(), b.dates())) {
            return "different dates";
        }
        if (conflicting(a.stage(), b.stage())) {
            return "different stages: " + a.stage() + " / " + b.stage();
        }
        if (!a.titleNumbers().isEmpty() && !b.titleNumbers().isEmpty()
                && disjoint(a.titleNumbers(), b.numbers()) && disjoint(b.titleNumbers(), a.numbers())) {
            return "different numbers";
        }
        if (a.digest() || b.digest()) {
            return "a digest of several stories";
        }
        if (!missing(a.titlePlaces(), b.places()).isEmpty() && !missing(b.titlePlaces(), a.places()).isEmpty()) {
            return "each headline names a place the other does not";
        }
        if (!absent(a.titleNames(), b.text()).isEmpty() && !absent(b.titleNames(), a.text()).isEmpty()) {
            return "each headline names someone the other does not";
        }
        return null;
    }

    /** Each headline's anchors (names, places) that the other item names too. */
    private static boolean anchored(StoryFeatures a, StoryFeatures b) {
        for (String name : a.titleNames()) {
            if (Phrases.occurs(name, b.text())) {
                return true;
            }
        }
        for (String place : a.titlePlaces()) {
            if (b.places().contains(place)) {
                return true;
            }
        }
        return false;
    }

    private static boolean conflicting(Stage a, Stage b) {
        if (a == Stage.NONE || b == Stage.NONE || a == b) {
            return false;
        }
        return true;
    }

    private static Set<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> out = new HashSet<>(wanted);
        out.removeAll(present);
        return out;
    }

    private static Set<String> absent(Set<String> names, String text) {
        Set<String> out = new HashSet<>();
        for (String name : names) {
            if (!Phrases.occurs(name, text)) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        for (String s : a) {
            if (b.contains(s)) {
                return false;
            }
        }
        return true;
    }
}
