package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import tributary.common.Sha256;

/** The configured admin token, and whether a request presents it as 'Authorization: Bearer'; compared in constant time. */
@Singleton
public class AdminToken {

    private final byte[] digest;

    public AdminToken(AdminConfig config) {
        String token = config.adminToken();
        this.digest = token == null || token.isBlank() ? null : digest(token.strip());
    }

    /** False while no token is configured: then nothing is ever admitted. */
    public boolean configured() {
        return digest != null;
    }

    /** The bearer token the request carries, or null. */
    @Nullable
    public static String presented(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }

    /** True when a token is configured and the request presents exactly it. */
    public boolean presentedBy(HttpRequest<?> request) {
        String presented = presented(request);
        // Comparing digests of equal length keeps the comparison's time independent of where the strings differ.
        return digest != null && presented != null && MessageDigest.isEqual(digest, digest(presented));
    }

    private static byte[] digest(String token) {
        return Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
