package tributary.publish;

import java.time.Instant;

/** A rendered feed page ready to serve: its bytes, the same gzipped, a strong ETag and the Last-Modified time. */
public record RenderedFeed(FeedFormat format, byte[] body, byte[] gzipped, String etag, Instant lastModified) {
}
