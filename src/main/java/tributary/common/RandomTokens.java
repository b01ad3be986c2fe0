package tributary.common;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Unguessable strings from one SecureRandom: WebSub challenges, callback tokens and secrets. */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    /** That many random bytes, base64url without padding: safe in a URL path or query. */
    public static String urlSafe(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random(bytes));
    }

    /** That many random bytes as twice as many hex characters. */
    public static String hex(int bytes) {
        return HexFormat.of().formatHex(random(bytes));
    }

    private static byte[] random(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
