package tributary.web;

import java.util.Locale;

/**
 * Picks the page language from Accept-Language (RFC 9110 §12.5.4): the supported language with the highest q-value,
 * the first listed on a tie; a range like vi-VN counts as vi; "*", q=0 and languages we do not speak fall to the default.
 */
final class LanguageNegotiator {

    /** Ranges read from one header: a browser sends a handful, so more than this is noise, not preference. */
    static final int MAX_RANGES = 32;

    private LanguageNegotiator() {
    }

    static UiLanguage pick(String acceptLanguage, UiLanguage fallback) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return fallback;
        }
        UiLanguage best = null;
        double bestQ = 0;
        String[] ranges = acceptLanguage.split(",", MAX_RANGES + 1);
        for (int i = 0; i < Math.min(ranges.length, MAX_RANGES); i++) {
            String[] parts = ranges[i].split(";");
            String tag = parts[0].strip();
            int dash = tag.indexOf('-');
            UiLanguage language = UiLanguage.ofTag(dash < 0 ? tag : tag.substring(0, dash)).orElse(null);
            double q = quality(parts);
            if (language != null && q > bestQ) {
                best = language;
                bestQ = q;
            }
        }
        return best == null ? fallback : best;
    }

    /** The range's q parameter, 1 when absent, 0 when it is not a number from 0 to 1. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    double q = Double.parseDouble(parameter.substring(2).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
