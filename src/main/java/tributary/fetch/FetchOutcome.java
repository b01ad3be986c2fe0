package tributary.fetch;

import java.net.URI;
import java.time.Duration;

/** The result of one fetch; a failing server is an outcome, not an exception. */
public sealed interface FetchOutcome {

    /** A document: finalUrl is where it came from after redirects. */
    record Fetched(URI finalUrl, int status, byte[] body, String contentType, String etag, String lastModified)
            implements FetchOutcome {
    }

    /** 304: the document has not changed since the validators we sent. */
    record NotModified() implements FetchOutcome {
    }

    /** 410: the publisher removed the feed. */
    record Gone(String reason) implements FetchOutcome {
    }

    /** 429 or 503: come back no sooner than retryAfter (null when the server did not say). */
    record RateLimited(int status, Duration retryAfter) implements FetchOutcome {
    }

    /** Anything else: status is null when no HTTP answer came (DNS, connect, timeout, refused address). */
    record Failed(Integer status, String reason) implements FetchOutcome {
    }
}
