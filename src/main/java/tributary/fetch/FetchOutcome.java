package tributary.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The result of one fetch; a failing server is an outcome, not an exception. maxAge is the server's
 * Cache-Control max-age (null when absent); permanentRedirect is where 301/308 answers led from the first hop
 * (null when the first hop did not redirect permanently).
 */
public sealed interface FetchOutcome {

    /**
     * A document: finalUrl is where it came from after redirects; validators are null when the server forbade
     * storing; links are the raw values of its Link headers (where a WebSub hub may be named).
     */
    record Fetched(URI finalUrl, int status, byte[] body, String bodyHash, String contentType, String etag,
                   String lastModified, Duration maxAge, URI permanentRedirect, URI contentLocation, List<String> links)
            implements FetchOutcome {

        /** What relative links in the document resolve against: its Content-Location when sent, else where it came from. */
        public URI base() {
            return contentLocation != null ? contentLocation : finalUrl;
        }
    }

    /** 304: the document has not changed since the validators we sent. */
    record NotModified(Duration maxAge, URI permanentRedirect) implements FetchOutcome {
    }

    /** 410: the publisher removed the feed. */
    record Gone(String reason) implements FetchOutcome {
    }

    /** 429 or 503: retryAfter is the raw Retry-After header (null when absent), read against the poller's clock. */
    record RateLimited(int status, String retryAfter) implements FetchOutcome {
    }

    /** Anything else: status is null when no HTTP answer came (DNS, connect, timeout, refused address). */
    record Failed(Integer status, String reason) implements FetchOutcome {
    }
}
