package tributary.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import tributary.common.Sha256;

/** A decoded body read under a byte cap, so a gzip bomb or an endless body costs at most the cap in memory. */
record CappedBody(byte[] bytes, String sha256) {

    private static final int CHUNK = 64 * 1024;

    static CappedBody read(InputStream in, long maxBytes) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        // Whole 64 KiB chunks, joined once at the end: a body cut at the cap never held more than the cap, where a
        // doubling buffer would have held up to two and a half times it.
        List<byte[]> chunks = new ArrayList<>();
        long total = 0;
        while (true) {
            byte[] chunk = new byte[CHUNK];
            int filled = fill(in, chunk);
            total += filled;
            if (total > maxBytes) {
                throw new TooLargeException("the document is larger than " + maxBytes
                        + " bytes once decompressed (tributary.fetch.max-body-bytes); it was cut off there");
            }
            digest.update(chunk, 0, filled);
            chunks.add(filled == CHUNK ? chunk : Arrays.copyOf(chunk, filled));
            if (filled < CHUNK) {
                break;
            }
        }
        byte[] bytes = new byte[(int) total];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, bytes, at, chunk.length);
            at += chunk.length;
        }
        return new CappedBody(bytes, HexFormat.of().formatHex(digest.digest()));
    }

    /** Reads until the chunk is full or the stream ends; answers how many bytes it holds. */
    private static int fill(InputStream in, byte[] chunk) throws IOException {
        int filled = 0;
        int n;
        while (filled < chunk.length && (n = in.read(chunk, filled, chunk.length - filled)) != -1) {
            filled += n;
        }
        return filled;
    }

    /** The body passed the cap. */
    static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }
}
