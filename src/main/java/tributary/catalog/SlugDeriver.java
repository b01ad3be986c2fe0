package tributary.catalog;

import java.text.Normalizer;
import java.util.Locale;

/** Derives URL slugs from category titles, Vietnamese included ("Đời sống" → "doi-song"). */
public final class SlugDeriver {

    static final int MAX_LENGTH = 100;

    private SlugDeriver() {
    }

    /** The slug of a title, or an empty string when the title holds no letter or digit. */
    public static String derive(String title) {
        // NFD splits "ờ" into "o" plus marks, but đ/Đ are letters of their own: map them first.
        String text = title.replace('đ', 'd').replace('Đ', 'D');
        text = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        text = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return text;
    }

    /** Whether a slug written by hand is one we can serve under /feeds/{slug}.rss. */
    public static boolean isValid(String slug) {
        return slug.length() <= MAX_LENGTH && slug.matches("[a-z0-9]+(-[a-z0-9]+)*");
    }
}
