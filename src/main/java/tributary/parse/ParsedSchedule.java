package tributary.parse;

import java.util.List;

/**
 * What a feed says about how often to poll it, as written there: RSS ttl in minutes, sy:updatePeriod and
 * sy:updateFrequency, RSS skipHours (GMT hours) and skipDays (day names); null or empty when absent.
 */
public record ParsedSchedule(Integer ttlMinutes, String updatePeriod, Integer updateFrequency, List<Integer> skipHours,
                             List<String> skipDays) {

    public static final ParsedSchedule NONE = new ParsedSchedule(null, null, null, List.of(), List.of());
}
