package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import tributary.publish.Problems;

/**
 * Guards every /admin route and method, HEAD and OPTIONS included: 503 while no token is configured (fail closed),
 * 401 without the right bearer token (the page's three static files excepted). Tokens are compared in constant time.
 */
@ServerFilter(value = {"/admin", "/admin/**"}, patternStyle = FilterPatternStyle.ANT)
public class AdminAuthFilter {

    private final AdminToken token;

    public AdminAuthFilter(AdminToken token) {
        this.token = token;
    }

    /** Null lets the request through; an answer stops it here. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (!token.configured()) {
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Admin API disabled",
                    "No admin token is configured. Set TRIBUTARY_ADMIN_TOKEN (property tributary.admin-token) to a long "
                            + "random secret and restart; then send it as 'Authorization: Bearer <token>'.");
        }
        if (isStaticPage(request)) {
            return null;
        }
        if (!token.presentedBy(request)) {
            return Problems.of(HttpStatus.UNAUTHORIZED, "Authentication required",
                    AdminToken.presented(request) == null ? "Send the admin token as 'Authorization: Bearer <token>'."
                            : "The bearer token is not the configured admin token.")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tributary-admin\"");
        }
        return null;
    }

    /** The admin page, its script and its style hold no data (they fetch it with the token), so a browser may load them. */
    private static boolean isStaticPage(HttpRequest<?> request) {
        String path = request.getPath();
        boolean read = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        return read && (path.equals("/admin") || path.equals("/admin/") || path.equals("/admin/admin.js")
                || path.equals("/admin/admin.css"));
    }
}
