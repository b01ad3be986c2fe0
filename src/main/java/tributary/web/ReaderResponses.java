package tributary.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import tributary.publish.ConditionalResponses;
import tributary.publish.RenderedFeed;

/**
 * Answers a reader page like a feed (strong ETag, 304, gzip) with the headers an HTML page needs on top: a strict
 * Content-Security-Policy, Vary on the language too, and a short max-age, since its relative times age.
 */
final class ReaderResponses {

    static final String HTML = "text/html; charset=utf-8";

    /**
     * Nothing runs and nothing loads but our stylesheet and pictures; images may come from any publisher's host, and
     * over http too, since many Vietnamese sites still serve them so.
     */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' https: http:; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    /** "3 phút trước" is right for about a minute: a browser may reuse the page that long. */
    static final long MAX_AGE_SECONDS = 60;

    private ReaderResponses() {
    }

    static MutableHttpResponse<?> page(HttpRequest<?> request, RenderedFeed page, UiLanguage language) {
        return headers(ConditionalResponses.answer(request, page, MAX_AGE_SECONDS), language);
    }

    /** The headers of every reader page, a 404 included. */
    static MutableHttpResponse<?> headers(MutableHttpResponse<?> response, UiLanguage language) {
        response.getHeaders().set(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE + ", " + HttpHeaders.ACCEPT_ENCODING);
        return response.header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .header("Content-Security-Policy", CSP)
                .header("X-Frame-Options", "DENY");
    }
}
