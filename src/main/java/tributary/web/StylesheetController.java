package tributary.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import tributary.publish.ConditionalResponses;

/** Serves /assets/site.css from memory: strong ETag, 304, gzip, and a year's cache (its URL changes with it). */
@Controller
class StylesheetController {

    private static final long YEAR_SECONDS = 365L * 24 * 3600;

    private final SiteStylesheet stylesheet;

    StylesheetController(SiteStylesheet stylesheet) {
        this.stylesheet = stylesheet;
    }

    @Get(SiteStylesheet.PATH)
    HttpResponse<?> css(HttpRequest<?> request) {
        var response = ConditionalResponses.answer(request, stylesheet.file(), YEAR_SECONDS);
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "public, max-age=" + YEAR_SECONDS + ", immutable");
        return response;
    }
}
