package tributary.catalog;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * The rules for a feed setting written as text, shared by feeds.yml and the admin API so both accept the same
 * values and say the same thing about the rest. Each answers the value, or why the text is refused.
 */
public final class SettingRules {

    /** Polling more often than this is refused. */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    /** A parsed value, or the reason (a sentence that follows the quoted text) it was refused. */
    public record Parsed<T>(T value, String problem) {

        static <T> Parsed<T> ok(T value) {
            return new Parsed<>(value, null);
        }

        static <T> Parsed<T> refused(String problem) {
            return new Parsed<>(null, problem);
        }
    }

    private SettingRules() {
    }

    /** A switch written as text: true, yes, on or false, no, off, in any case; null when it is none of them. */
    public static Boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> null;
        };
    }

    /** A poll interval like 90s, 15m, 1h30m, 1d or PT15M, at least MIN_INTERVAL. */
    public static Parsed<Duration> interval(String text) {
        Duration interval = IntervalParser.parse(text).orElse(null);
        if (interval == null) {
            return Parsed.refused("is not a duration: write it like 90s, 15m, 2h or 1h30m");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            return Parsed.refused("is below the 1m floor: poll at most once a minute");
        }
        return Parsed.ok(interval);
    }

    /** A CSS selector as jsoup reads it (full_text_selector, full_text_remove), on one line, at most 500 characters. */
    public static Parsed<String> selector(String text) {
        String selector = text.strip();
        if (selector.isEmpty()) {
            return Parsed.refused("is empty: write a CSS selector like article.fck_detail or .box-tinlienquan");
        }
        if (selector.length() > 500 || selector.indexOf('\n') >= 0 || selector.indexOf('\r') >= 0) {
            return Parsed.refused("is not one CSS selector: at most 500 characters on one line");
        }
        try {
            QueryParser.parse(selector);
            return Parsed.ok(selector);
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            return Parsed.refused("is not a CSS selector jsoup can read (" + e.getMessage()
                    + "): write it like article.fck_detail, div#main-detail or .box-tinlienquan");
        }
    }

    /** The zone a feed's dates without an offset are read in: an offset like +07:00 or an IANA name. */
    public static Parsed<ZoneId> zone(String text) {
        try {
            return Parsed.ok(ZoneId.of(text.strip()));
        } catch (DateTimeException e) {
            return Parsed.refused("is not a time zone: write an offset like +07:00 or a name like Asia/Ho_Chi_Minh");
        }
    }
}
