package tributary.normalize;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates feeds really write: RFC 822/1123 and RFC 3339 with their common slips, and the Vietnamese forms
 * ("Thứ Tư, 28/01/2026 - 14:30", "Chiều 28/1/2026"); a date without a zone is read in the feed's zone.
 */
public final class DateParser {

    private static final String ZONE = "(?:\\(?\\s*(?:GMT|UTC|UT)?\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?\\s*\\)?"
            + "|\\(?\\s*([A-Za-z]{1,5})\\s*\\)?)";

    /** 2026-01-28T14:30:00.123+07:00, 2026-01-28 14:30:00, 2026-08-18 00:41:36 UTC, 2026-01-28. */
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})"
            + "(?:(?:T|\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?)?\\s*" + ZONE + "?");

    /** Wed, 28 Jan 2026 14:30:00 +0700 and its slips: no weekday, no seconds, one-digit day, 2-digit year, no space. */
    private static final Pattern RFC822 = Pattern.compile("(?:[A-Za-z]{2,9}\\.?\\s*,?\\s*)?(\\d{1,2})[\\s-]*([A-Za-z]{3,9})\\.?"
            + "[\\s-]*(\\d{2,4})(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*" + ZONE + "?");

    /** Day first, as Vietnamese sites write it: 28/01/2026 14:30, 28/1/2026 - 14:30, 28-01-2026 lúc 14:30. */
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})"
            + "(?:\\s*(?:[-,|]|lúc)?\\s*(\\d{1,2})[:h](\\d{2})(?::(\\d{2}))?)?\\s*" + ZONE + "?");

    /** Time first: 14:30 28/01/2026, 14:30 - 28/01/2026. */
    private static final Pattern TIME_FIRST = Pattern.compile("(\\d{1,2})[:h](\\d{2})(?::(\\d{2}))?\\s*[-,|]?\\s*"
            + "(?:ngày\\s*)?(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})\\s*" + ZONE + "?");

    /** Words around a Vietnamese date that carry no value: weekday, part of day, "ngày", "lúc", "cập nhật". */
    private static final Pattern VIETNAMESE_WORDS = Pattern.compile(
            "(?iu)^(?:(?:cập nhật|đăng|thứ\\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\\s*nhật|cn|t[2-7]"
                    + "|sáng|trưa|chiều|tối|đêm|ngày)[\\s,:-]*)+");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dec", 12));

    /** RFC 822 section 5 zones plus the few abbreviations feeds keep writing. */
    private static final Map<String, ZoneOffset> NAMED_ZONES = Map.ofEntries(
            Map.entry("Z", ZoneOffset.UTC), Map.entry("UT", ZoneOffset.UTC), Map.entry("UTC", ZoneOffset.UTC),
            Map.entry("GMT", ZoneOffset.UTC), Map.entry("EST", ZoneOffset.ofHours(-5)),
            Map.entry("EDT", ZoneOffset.ofHours(-4)), Map.entry("CST", ZoneOffset.ofHours(-6)),
            Map.entry("CDT", ZoneOffset.ofHours(-5)), Map.entry("MST", ZoneOffset.ofHours(-7)),
            Map.entry("MDT", ZoneOffset.ofHours(-6)), Map.entry("PST", ZoneOffset.ofHours(-8)),
            Map.entry("PDT", ZoneOffset.ofHours(-7)), Map.entry("ICT", ZoneOffset.ofHours(7)),
            Map.entry("CET", ZoneOffset.ofHours(1)), Map.entry("CEST", ZoneOffset.ofHours(2)),
            Map.entry("BST", ZoneOffset.ofHours(1)), Map.entry("JST", ZoneOffset.ofHours(9)));

    private DateParser() {
    }

    /**
     * The instant the text names, reading it in zone when it names none; null when the text is not a date we know
     * (the caller then keeps the first-seen time rather than guess).
     */
    public static Instant parse(String text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        Instant instant = parseOnce(text, zone);
        if (instant == null && text.indexOf('(') >= 0) {
            // RFC 822 allows (comments) anywhere between tokens; "(GMT+7)" was already tried as a zone above.
            instant = parseOnce(withoutComments(text), zone);
        }
        return instant;
    }

    /** The text with RFC 822 comments, nested and with \-escapes, replaced by a space. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth > 0 && c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                if (--depth == 0) {
                    out.append(' ');
                }
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Instant parseOnce(String text, ZoneId zone) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
        if (s.isEmpty() || s.length() > 100) {
            return null;
        }
        try {
            Matcher m = ISO.matcher(s);
            if (m.matches()) {
                return at(i(m, 1), i(m, 2), i(m, 3), i(m, 4), i(m, 5), i(m, 6), zone(m, 7, zone));
            }
            m = RFC822.matcher(s);
            if (m.matches()) {
                Integer month = MONTHS.get(m.group(2).substring(0, 3).toLowerCase(Locale.ROOT));
                return month == null ? null
                        : at(year(i(m, 3)), month, i(m, 1), i(m, 4), i(m, 5), i(m, 6), zone(m, 7, zone));
            }
            String vietnamese = VIETNAMESE_WORDS.matcher(s).replaceFirst("");
            m = DAY_FIRST.matcher(vietnamese);
            if (m.matches()) {
                return at(i(m, 3), i(m, 2), i(m, 1), i(m, 4), i(m, 5), i(m, 6), zone(m, 7, zone));
            }
            m = TIME_FIRST.matcher(vietnamese);
            if (m.matches()) {
                return at(i(m, 6), i(m, 5), i(m, 4), i(m, 1), i(m, 2), i(m, 3), zone(m, 7, zone));
            }
        } catch (DateTimeException | UnknownZoneException e) {
            return null;
        }
        return null;
    }

    private static Instant at(int year, int month, int day, Integer hour, Integer minute, Integer second, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(year, month, day, hour == null ? 0 : hour, minute == null ? 0 : minute,
                second == null ? 0 : second);
        return local.atZone(zone).toInstant();
    }

    /** The zone written at group start (sign, hours, minutes, then a name), else the fallback. */
    private static ZoneId zone(Matcher m, int start, ZoneId fallback) {
        if (m.group(start) != null) {
            int hours = Integer.parseInt(m.group(start + 1));
            int minutes = m.group(start + 2) == null ? 0 : Integer.parseInt(m.group(start + 2));
            // "+0700" arrives as hours=07 minutes=00; "+700" cannot be told apart and is refused by ofHoursMinutes.
            int sign = m.group(start).equals("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        String name = m.group(start + 3);
        if (name == null) {
            return fallback;
        }
        ZoneOffset named = NAMED_ZONES.get(name.toUpperCase(Locale.ROOT));
        if (named == null) {
            throw new UnknownZoneException();
        }
        return named;
    }

    private static int year(int year) {
        // RFC 822 wrote two-digit years; read them the way RFC 2822 section 4.3 says.
        if (year < 50) {
            return 2000 + year;
        }
        return year < 100 ? 1900 + year : year;
    }

    private static Integer i(Matcher m, int group) {
        return m.group(group) == null ? null : Integer.valueOf(m.group(group));
    }

    /** A zone abbreviation we cannot place: better no date than a date hours off. */
    private static final class UnknownZoneException extends RuntimeException {
        UnknownZoneException() {
            super(null, null, false, false);
        }
    }
}
