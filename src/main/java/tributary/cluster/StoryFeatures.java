package tributary.cluster;

import java.util.Set;

/**
 * What one item says, reduced to what decides whether two items report one event: its content syllables (for
 * likeness and the MinHash signature), and the anchors that must agree: names and places in the headline, numbers,
 * dates, storm names and numbers, and the stage of the event.
 *
 * @param text        title and summary folded (lower case, tone marks normalized), syllables joined by one space
 * @param content     folded syllables that carry meaning (no function words, no numbers)
 * @param titleNames  capitalized name sequences of the headline, folded
 * @param titlePlaces place keys named in the headline (with the countries they imply)
 * @param places      place keys named anywhere
 * @param titleNumbers numbers of the headline (no years, dates or storm numbers)
 * @param numbers     numbers anywhere (same rules)
 * @param dates       day/month dates named anywhere ("13-10", "13.10", "13/10" are one)
 * @param stormNumbers numbers of "bão số N"
 * @param stormNames  storm keys ("Thần Gió" and "Fengshen" are one)
 * @param stage       the stage the headline speaks of
 * @param digest      whether the headline is a round-up of several stories ("Điểm tin 6h: … | …")
 */
public record StoryFeatures(String text, Set<String> content, Set<String> titleNames, Set<String> titlePlaces,
        Set<String> places, Set<String> titleNumbers, Set<String> numbers, Set<String> dates,
        Set<String> stormNumbers, Set<String> stormNames, Stage stage, boolean digest) {
}
