package tributary.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Refuses host spellings that parsers read as different addresses ("0127.0.0.1" is 87.0.0.1 to inet_aton and
 * 127.0.0.1 to Java; "127.1", "0x7f.1", "2130706433", "[::ffff:7f00:1]", "%31%32%37.0.0.1"): an address is taken
 * only as four plain decimal numbers or a plain IPv6 literal, so the guard and the connection agree on it.
 */
final class HostSpelling {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:");

    private HostSpelling() {
    }

    /**
     * Why the URL's host is written ambiguously, or empty when it is not. text is the URL as written (a Location
     * header for a redirect), base the URL it is read against (null for the first hop), url what OkHttp made of it
     * (null when it could not read it: then only the written host is judged).
     */
    static Optional<String> problem(String text, HttpUrl base, HttpUrl url) {
        String written = writtenHost(text, base);
        if (written != null) {
            Optional<String> raw = rawProblem(written, url == null ? "" : url.host());
            if (raw.isPresent()) {
                return raw.map(why -> describe(written, why));
            }
        }
        if (url == null) {
            return Optional.empty();
        }
        return problem(url.host()).map(why -> describe(written != null ? written : url.host(), why));
    }

    /** Why a host as OkHttp canonicalized it is an ambiguous address spelling, or empty when it is not. */
    static Optional<String> problem(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":")) {
            return ipv6Problem(h);
        }
        boolean trailingDot = h.endsWith(".");
        String bare = trailingDot ? h.substring(0, h.length() - 1) : h;
        String[] labels = bare.split("\\.", -1);
        if (!NUMBER.matcher(labels[labels.length - 1]).matches()) {
            return Optional.empty();  // a name: its last label is not a number
        }
        if (trailingDot) {
            return Optional.of("a trailing dot after a number");
        }
        if (DOTTED_QUAD.matcher(h).matches()) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!NUMBER.matcher(label).matches()) {
                return Optional.of("a last part that is a number, though the host is not an IPv4 address");
            }
        }
        for (String label : labels) {
            if (label.startsWith("0x")) {
                return Optional.of("a hexadecimal part");
            }
        }
        for (String label : labels) {
            if (label.length() > 1 && label.startsWith("0")) {
                return Optional.of("a part with a leading zero, which some parsers read as octal, others as decimal");
            }
        }
        if (labels.length == 1) {
            return Optional.of("the whole address as one number");
        }
        if (labels.length < 4) {
            return Optional.of("fewer than four parts, which parsers expand differently");
        }
        return Optional.of(labels.length > 4 ? "more than four numbers" : "a part above 255");
    }

    /** True for four plain decimal numbers, the only IPv4 spelling every parser reads alike. */
    static boolean isDottedQuad(String host) {
        return DOTTED_QUAD.matcher(host).matches();
    }

    /** The host and its reason as one message that says what to write instead. */
    private static String describe(String host, String why) {
        return "the host '" + host + "' is written ambiguously (" + why + "): parsers disagree on the address it "
                + "names, so it is never fetched; write an IPv4 address as four decimal numbers without leading "
                + "zeros (a.b.c.d), or use the host name";
    }

    /** What only the written form shows: escapes, non-ASCII digits, zone ids and IPv4 addresses dressed as IPv6. */
    private static Optional<String> rawProblem(String written, String canonical) {
        if (written.contains("%")) {
            return Optional.of(written.startsWith("[") ? "an IPv6 zone id or percent-escape" : "percent-escapes");
        }
        boolean address = canonical.contains(":") || DOTTED_QUAD.matcher(canonical).matches();
        if (address && !written.chars().allMatch(c -> c < 0x80)) {
            return Optional.of("non-ASCII characters that read as an address");
        }
        if (written.startsWith("[") && !canonical.contains(":")) {
            return Optional.of("an IPv4 address written as an IPv4-mapped IPv6 address");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6Problem(String host) {
        String literal = host.startsWith("[") ? host : "[" + host + "]";
        if (literal.contains("%")) {
            return Optional.of("an IPv6 zone id");
        }
        byte[] b;
        try {
            // A bracketed literal is parsed, never looked up.
            b = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return Optional.of("an IPv6 address no parser agrees on");
        }
        if (b.length == 4) {
            return Optional.of("an IPv4 address written as an IPv4-mapped IPv6 address");
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return Optional.empty();
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && ((b[12] | b[13] | b[14]) != 0 || (b[15] & 0xff) > 1);
        if (mapped || compatible) {
            return Optional.of("an IPv4 address written as an IPv4-" + (mapped ? "mapped" : "compatible")
                    + " IPv6 address");
        }
        return Optional.empty();
    }

    /**
     * The host as written in the URL text, lower-cased, read the way OkHttp reads an authority (slashes or
     * backslashes after the scheme, userinfo up to the last '@', a port after the host); null when the text has no
     * authority of its own, as in a relative redirect.
     */
    static String writtenHost(String text, HttpUrl base) {
        String s = text.strip();
        Matcher scheme = SCHEME.matcher(s);
        boolean hasScheme = scheme.lookingAt();
        int at = hasScheme ? scheme.end() : 0;
        int slashes = 0;
        while (at + slashes < s.length() && (s.charAt(at + slashes) == '/' || s.charAt(at + slashes) == '\\')) {
            slashes++;
        }
        boolean sameScheme = hasScheme && base != null
                && s.substring(0, scheme.end() - 1).equalsIgnoreCase(base.scheme());
        if (slashes < 2 && (!hasScheme || sameScheme)) {
            return null;
        }
        int start = at + slashes;
        int end = start;
        while (end < s.length() && "/\\?#".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        String authority = s.substring(start, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(0, close + 1);
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
