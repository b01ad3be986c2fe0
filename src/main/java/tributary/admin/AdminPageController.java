package tributary.admin;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tributary.config.UiConfig;

/**
 * GET /admin: the admin console, a static shell that holds no data; its script calls the admin API with the token the
 * admin types (kept in the tab's sessionStorage). The page names the configured language and zone (tributary.ui.*)
 * for its script. The auth filter lets these three static files through.
 */
@Controller("/admin")
class AdminPageController {

    /**
     * Scripts only from here, data only from this origin's API, no framing, no form posts elsewhere. The article
     * preview's srcdoc frame inherits this policy, so an extracted page's images (any host, intranets included) are
     * never requested by the admin's browser.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final String page;
    private final String script;
    private final String style;

    AdminPageController(ResourceResolver resources, UiConfig ui) {
        String language = "en".equalsIgnoreCase(ui.language()) ? "en" : "vi";
        // A zone name is letters, digits and _/+-; anything else would not be one, and never reaches the markup.
        String zone = ui.zone().matches("[A-Za-z0-9_/+-]{1,64}") ? ui.zone() : "Asia/Ho_Chi_Minh";
        this.page = read(resources, "classpath:admin/admin.html").replace("{{language}}", language)
                .replace("{{zone}}", zone);
        this.script = read(resources, "classpath:admin/admin.js");
        this.style = read(resources, "classpath:admin/admin.css");
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

    @Get("/admin.css")
    HttpResponse<String> style() {
        return HttpResponse.ok(style).contentType("text/css; charset=utf-8")
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
