package tributary.push;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

/**
 * Checks X-Hub-Signature ("method=hex HMAC of the raw body with hub.secret"; WebSub 8, the recognized methods sha1,
 * sha256, sha384, sha512), comparing in constant time so the answer's timing tells a forger nothing.
 */
final class HubSignature {

    private static final Map<String, String> MACS = Map.of("sha1", "HmacSHA1", "sha256", "HmacSHA256",
            "sha384", "HmacSHA384", "sha512", "HmacSHA512");

    private HubSignature() {
    }

    /** Whether header is a valid signature of body under secret; a missing header or unknown method is not. */
    static boolean valid(String header, byte[] body, String secret) {
        if (header == null) {
            return false;
        }
        int eq = header.indexOf('=');
        if (eq < 0) {
            return false;
        }
        String mac = MACS.get(header.substring(0, eq).strip().toLowerCase(Locale.ROOT));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return mac != null && MessageDigest.isEqual(hmac(mac, secret, body), given);
    }

    /** The "sha256=hex" header value for body under secret: what a hub sends. */
    static String sign(byte[] body, String secret) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    private static byte[] hmac(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
