package tributary.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import tributary.common.Sha256;

/**
 * A rendered page ready to serve (a feed, or a reader page of tributary.web): its Content-Type, its bytes, the same
 * gzipped, a strong ETag, Last-Modified and its header text.
 */
public record RenderedFeed(String contentType, byte[] body, byte[] gzipped, String etag, Instant lastModified,
                           String lastModifiedHeader) {

    /** The page of these bytes, gzipped once here so every request that asks for gzip shares the work. */
    public static RenderedFeed of(String contentType, byte[] body, Instant lastModified) {
        return new RenderedFeed(contentType, body, gzip(body), etag(body), lastModified,
                ConditionalResponses.httpDate(lastModified));
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A strong validator: the first 128 bits of the SHA-256 of the exact bytes served. */
    private static String etag(byte[] body) {
        return "\"" + HexFormat.of().formatHex(Sha256.digest(body), 0, 16) + "\"";
    }
}
