package tributary.publish;

import java.time.Instant;

/** A rendered feed page ready to serve: its bytes, the same gzipped, a strong ETag, Last-Modified and its header text. */
public record RenderedFeed(FeedFormat format, byte[] body, byte[] gzipped, String etag, Instant lastModified,
                           String lastModifiedHeader) {
}
