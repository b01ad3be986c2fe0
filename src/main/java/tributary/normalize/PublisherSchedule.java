package tributary.normalize;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tributary.parse.ParsedSchedule;

/**
 * The publisher's polling wishes in our terms: a floor (RSS ttl, sy:updatePeriod / sy:updateFrequency, whichever
 * is longer; null when none) and the GMT hours and days not to poll. Stored on the feed row so a 304 still obeys it.
 */
public record PublisherSchedule(Duration floor, Set<Integer> skipHours, Set<DayOfWeek> skipDays) {

    public static final PublisherSchedule NONE = new PublisherSchedule(null, Set.of(), Set.of());

    public static PublisherSchedule of(ParsedSchedule parsed) {
        if (parsed == null) {
            return NONE;
        }
        Duration floor = null;
        if (parsed.ttlMinutes() != null && parsed.ttlMinutes() > 0) {
            floor = Duration.ofMinutes(parsed.ttlMinutes());
        }
        Duration sy = syndication(parsed.updatePeriod(), parsed.updateFrequency());
        if (sy != null && (floor == null || sy.compareTo(floor) > 0)) {
            floor = sy;
        }
        Set<Integer> hours = new TreeSet<>();
        for (Integer hour : parsed.skipHours()) {
            // RSS says 0-23; some feeds write 24 for midnight.
            if (hour != null && hour >= 0 && hour <= 24) {
                hours.add(hour % 24);
            }
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : parsed.skipDays()) {
            DayOfWeek parsedDay = day(day);
            if (parsedDay != null) {
                days.add(parsedDay);
            }
        }
        // Skipping every hour or every day would mean never polling: treat it as no wish.
        return new PublisherSchedule(floor, hours.size() >= 24 ? Set.of() : hours, days.size() >= 7 ? Set.of() : days);
    }

    /** sy:updatePeriod (hourly, daily, weekly, monthly, yearly) divided by sy:updateFrequency (default 1). */
    static Duration syndication(String period, Integer frequency) {
        if (period == null) {
            return null;
        }
        Duration length = switch (period.strip().toLowerCase(Locale.ROOT)) {
            case "hourly" -> Duration.ofHours(1);
            case "daily" -> Duration.ofDays(1);
            case "weekly" -> Duration.ofDays(7);
            case "monthly" -> Duration.ofDays(30);
            case "yearly" -> Duration.ofDays(365);
            default -> null;
        };
        if (length == null) {
            return null;
        }
        int times = frequency == null || frequency < 1 ? 1 : frequency;
        return length.dividedBy(times);
    }

    private static DayOfWeek day(String name) {
        if (name == null) {
            return null;
        }
        try {
            return DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Read back from the columns floorSeconds, skipHoursColumn and skipDaysColumn wrote (all null when none). */
    public static PublisherSchedule fromColumns(Integer floorSeconds, String skipHoursColumn, String skipDaysColumn) {
        Duration floor = floorSeconds == null ? null : Duration.ofSeconds(floorSeconds);
        Set<Integer> hours = new TreeSet<>();
        if (skipHoursColumn != null && !skipHoursColumn.isBlank()) {
            for (String hour : skipHoursColumn.split(",")) {
                hours.add(Integer.parseInt(hour.strip()));
            }
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (skipDaysColumn != null && !skipDaysColumn.isBlank()) {
            for (String day : skipDaysColumn.split(",")) {
                days.add(DayOfWeek.valueOf(day.strip()));
            }
        }
        return new PublisherSchedule(floor, hours, days);
    }

    public Integer floorSeconds() {
        return floor == null ? null : (int) Math.min(Integer.MAX_VALUE, floor.toSeconds());
    }

    public String skipHoursColumn() {
        return skipHours.isEmpty() ? null : skipHours.stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(","));
    }

    public String skipDaysColumn() {
        return skipDays.isEmpty() ? null : List.copyOf(new TreeSet<>(skipDays)).stream().map(DayOfWeek::name)
                .collect(Collectors.joining(","));
    }
}
