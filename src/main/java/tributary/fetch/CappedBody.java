package tributary.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A decoded body read under a byte cap, so a gzip bomb or an endless body costs at most the cap in memory. */
record CappedBody(byte[] bytes, String sha256) {

    static CappedBody read(InputStream in, long maxBytes) throws IOException {
        MessageDigest digest = newDigest();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new TooLargeException("the document is larger than " + maxBytes
                        + " bytes once decompressed (tributary.fetch.max-body-bytes); it was cut off there");
            }
            out.write(buffer, 0, n);
            digest.update(buffer, 0, n);
        }
        return new CappedBody(out.toByteArray(), HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The body passed the cap. */
    static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }
}
