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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import tributary.publish.Problems;

/**
 * Guards every /admin route and method, HEAD and OPTIONS included: 503 while no token is configured (fail closed),
 * 401 without the right bearer token (the page's two static files excepted). Tokens are compared in constant time.
 */
@ServerFilter(value = {"/admin", "/admin/**"}, patternStyle = FilterPatternStyle.ANT)
public class AdminAuthFilter {

    private final byte[] tokenDigest;

    public AdminAuthFilter(AdminConfig config) {
        String token = config.adminToken();
        this.tokenDigest = token == null || token.isBlank() ? null : digest(token.strip());
    }

    /** Null lets the request through; an answer stops it here. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (tokenDigest == null) {
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Admin API disabled",
                    "No admin token is configured. Set TRIBUTARY_ADMIN_TOKEN (property tributary.admin-token) to a long "
                            + "random secret and restart; then send it as 'Authorization: Bearer <token>'.");
        }
        if (isStaticPage(request)) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        // Comparing digests of equal length keeps the comparison's time independent of where the strings differ.
        if (presented == null || !MessageDigest.isEqual(tokenDigest, digest(presented))) {
            return Problems.of(HttpStatus.UNAUTHORIZED, "Authentication required",
                    presented == null ? "Send the admin token as 'Authorization: Bearer <token>'."
                            : "The bearer token is not the configured admin token.")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tributary-admin\"");
        }
        return null;
    }

    /** The admin page and its script hold no data (they fetch it with the token), so a browser may load them. */
    private static boolean isStaticPage(HttpRequest<?> request) {
        String path = request.getPath();
        boolean read = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        return read && (path.equals("/admin") || path.equals("/admin/") || path.equals("/admin/admin.js"));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
