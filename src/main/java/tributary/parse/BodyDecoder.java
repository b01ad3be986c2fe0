package tributary.parse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Turns a fetched body into text: undoes a gzip the server did not declare, then lets CharsetDetector pick the
 * charset from the BOM, the HTTP Content-Type and the XML prolog.
 */
final class BodyDecoder {

    private final int maxBytes;

    BodyDecoder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    String decode(byte[] body, String contentType) throws FeedParseException {
        return CharsetDetector.decode(gunzipIfCompressed(body), contentType);
    }

    /** Some servers send a .gz file as the feed without Content-Encoding; the two magic bytes give it away. */
    byte[] gunzipIfCompressed(byte[] body) throws FeedParseException {
        if (body.length < 2 || (body[0] & 0xff) != 0x1f || (body[1] & 0xff) != 0x8b) {
            return body;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] buffer = new byte[16384];
            int n;
            long total = 0;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw new FeedParseException("the gzip-compressed document is larger than " + maxBytes
                            + " bytes once decompressed (tributary.parse.max-document-bytes)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FeedParseException("the document looks gzip-compressed but does not decompress: " + e.getMessage(), e);
        }
    }
}
