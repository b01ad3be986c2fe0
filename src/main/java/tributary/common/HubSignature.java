package tributary.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WebSub's authenticated content distribution, said once for both sides: X-Hub-Signature is "method=hex HMAC of the
 * raw body with hub.secret" (the recognized methods sha1, sha256, sha384, sha512); our hub signs with sha256, our
 * subscriptions accept any of them, compared in constant time so the answer's timing tells a forger nothing.
 */
public final class HubSignature {

    public static final String HEADER = "X-Hub-Signature";

    private static final Map<String, String> MACS = Map.of("sha1", "HmacSHA1", "sha256", "HmacSHA256",
            "sha384", "HmacSHA384", "sha512", "HmacSHA512");

    private HubSignature() {
    }

    /** The "sha256=hex" header value for body under secret: what a hub sends. */
    public static String sign(byte[] body, byte[] secret) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    public static String sign(byte[] body, String secret) {
        return sign(body, secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether header is a valid signature of body under secret; a missing header or an unknown method is not. */
    public static boolean valid(String header, byte[] body, String secret) {
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
        return mac != null
                && MessageDigest.isEqual(hmac(mac, secret.getBytes(StandardCharsets.UTF_8), body), given);
    }

    private static byte[] hmac(String algorithm, byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
