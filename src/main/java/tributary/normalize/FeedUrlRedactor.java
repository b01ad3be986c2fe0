package tributary.normalize;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the secrets of a feed URL (user-info, credential query parameters) out of what leaves the service:
 * published feeds and logs. The admin routes show feed URLs whole; everything else shows them through here.
 */
public final class FeedUrlRedactor {

    /** What a credential parameter's value becomes. */
    public static final String REDACTED = "REDACTED";

    /** Parameter name words that carry a credential on their own (x-api-key → x, api, key). */
    private static final Set<String> WORDS = Set.of("token", "key", "apikey", "secret", "password", "passwd", "pwd",
            "pass", "auth", "authorization", "sig", "signature", "session", "sessionid", "sid", "jwt", "credential",
            "credentials", "hmac", "otp", "ticket", "bearer");

    /** Pieces that name a credential wherever they stand in a name written without separators (accesstoken). */
    private static final String[] PIECES = {"token", "secret", "passw", "apikey", "signature", "credential",
            "accesskey", "privatekey", "sessionid", "authkey"};

    /** A URL in free text: a scheme, then everything up to white space, a quote or an angle bracket. */
    private static final Pattern URL_IN_TEXT = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+");

    private FeedUrlRedactor() {
    }

    /**
     * The URL without user-info and with the value of every credential parameter replaced by REDACTED; the rest is
     * left byte for byte, so a URL without secrets comes back unchanged. Null stays null.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = dropUserInfo(url);
        int query = out.indexOf('?');
        if (query < 0) {
            return out;
        }
        int fragment = out.indexOf('#', query);
        int end = fragment < 0 ? out.length() : fragment;
        return out.substring(0, query + 1) + redactQuery(out.substring(query + 1, end)) + out.substring(end);
    }

    /** Free text (an error message, a reason) with every URL in it redacted. Null stays null. */
    public static String redactIn(String text) {
        if (text == null || text.indexOf("://") < 0) {
            return text;
        }
        Matcher m = URL_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(redact(m.group())));
        }
        return m.appendTail(out).toString();
    }

    /**
     * A stand-in for a throwable to log: its class, its redacted message and its stack trace, and so on down its
     * causes. Exception messages often quote the URL they failed on.
     */
    public static Throwable redactIn(Throwable error) {
        return redactIn(error, new IdentityHashMap<>());
    }

    /** A cause already copied ends the copy: a cause chain may loop back on itself, as Throwable allows. */
    private static Throwable redactIn(Throwable error, Map<Throwable, Boolean> seen) {
        if (error == null || seen.put(error, Boolean.TRUE) != null) {
            return null;
        }
        Throwable copy = new Redacted(error.getClass().getName() + ": " + redactIn(error.getMessage()),
                redactIn(error.getCause(), seen));
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** Whether a query parameter of this name carries a credential (case-insensitive; x-api-key, auth_token, apiKey). */
    public static boolean isCredential(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        // apiKey → api-Key before lower-casing, so camel case splits into words like separators do.
        String lower = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        for (String word : lower.split("[^a-z0-9]+")) {
            if (WORDS.contains(word)) {
                return true;
            }
        }
        String joined = lower.replaceAll("[^a-z0-9]", "");
        for (String piece : PIECES) {
            if (joined.contains(piece)) {
                return true;
            }
        }
        return false;
    }

    private static String dropUserInfo(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int start = scheme + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int at = url.lastIndexOf('@', end - 1);
        return at < start ? url : url.substring(0, start) + url.substring(at + 1);
    }

    private static String redactQuery(String query) {
        StringBuilder out = new StringBuilder(query.length());
        int from = 0;
        while (from <= query.length()) {
            int amp = query.indexOf('&', from);
            int end = amp < 0 ? query.length() : amp;
            String pair = query.substring(from, end);
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && eq < pair.length() - 1 && isCredential(decode(name))) {
                out.append(name).append('=').append(REDACTED);
            } else {
                out.append(pair);
            }
            if (amp < 0) {
                break;
            }
            out.append('&');
            from = amp + 1;
        }
        return out.toString();
    }

    /** The parameter name as a server reads it (api%5Fkey is api_key); a broken escape leaves it as written. */
    private static String decode(String name) {
        if (name.indexOf('%') < 0 && name.indexOf('+') < 0) {
            return name;
        }
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /** What redactIn(Throwable) logs in place of the original. */
    private static final class Redacted extends RuntimeException {
        Redacted(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
