package tributary.publish;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Answers a rendered page with HTTP caching: 304 on a matching validator, gzip when asked, and safe headers. */
public final class ConditionalResponses {

    /** A feed opened in a browser must run nothing: no script, no plugin, no same-origin access. */
    static final String CSP = "default-src 'none'; sandbox";

    private ConditionalResponses() {
    }

    /** link: the Link header (hub and self, RFC 8288), null for none; sent on 304s too, for WebSub discovery. */
    static MutableHttpResponse<?> answer(HttpRequest<?> request, RenderedFeed feed, long maxAgeSeconds, String link) {
        MutableHttpResponse<?> response = answer(request, feed, maxAgeSeconds);
        if (link != null) {
            response.header(HttpHeaders.LINK, link);
        }
        return response.header("Content-Security-Policy", CSP);
    }

    /** The page or a 304, with its validators, Cache-Control, Vary: Accept-Encoding and nosniff; no CSP yet. */
    public static MutableHttpResponse<?> answer(HttpRequest<?> request, RenderedFeed feed, long maxAgeSeconds) {
        MutableHttpResponse<?> response = notModified(request, feed) ? HttpResponse.notModified() : body(request, feed);
        return response
                .header(HttpHeaders.ETAG, feed.etag())
                .header(HttpHeaders.LAST_MODIFIED, feed.lastModifiedHeader())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header("X-Content-Type-Options", "nosniff");
    }

    private static MutableHttpResponse<ByteBuf> body(HttpRequest<?> request, RenderedFeed feed) {
        boolean gzip = acceptsGzip(request.getHeaders().get(HttpHeaders.ACCEPT_ENCODING));
        // Wrapping shares the cached bytes with Netty instead of copying them for every request.
        MutableHttpResponse<ByteBuf> response = HttpResponse.ok(Unpooled.wrappedBuffer(gzip ? feed.gzipped() : feed.body()))
                .contentType(feed.contentType());
        return gzip ? response.header(HttpHeaders.CONTENT_ENCODING, "gzip") : response;
    }

    /** RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison); else If-Modified-Since. */
    static boolean notModified(HttpRequest<?> request, RenderedFeed feed) {
        String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || stripWeak(t).equals(feed.etag())) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = request.getHeaders().get(HttpHeaders.IF_MODIFIED_SINCE);
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !feed.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.strip().split(";");
            if (parts[0].strip().equals("gzip")) {
                return parts.length == 1 || !parts[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }

    public static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static String stripWeak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
