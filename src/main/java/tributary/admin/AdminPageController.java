package tributary.admin;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * GET /admin: the admin page, a static shell that holds no data; its script calls the admin API with the token the
 * admin types (kept in the tab's sessionStorage). The auth filter lets these two static files through.
 */
@Controller("/admin")
class AdminPageController {

    /**
     * Scripts only from here, data only from this origin's API, no framing, no form posts elsewhere. The article
     * preview's srcdoc frame inherits this policy, so an extracted page's images (any host, intranets included) are
     * never requested by the admin's browser.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final String page;
    private final String script;

    AdminPageController(ResourceResolver resources) {
        this.page = read(resources, "classpath:admin/admin.html");
        this.script = read(resources, "classpath:admin/admin.js");
    }

    @Get
    HttpResponse<String> page() {
        return HttpResponse.ok(page).contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache");
    }

    @Get("/admin.js")
    HttpResponse<String> script() {
        return HttpResponse.ok(script).contentType("text/javascript; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-cache");
    }

    private static String read(ResourceResolver resources, String path) {
        try (InputStream in = resources.getResourceAsStream(path)
                .orElseThrow(() -> new IllegalStateException(path + " is missing from the jar"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
