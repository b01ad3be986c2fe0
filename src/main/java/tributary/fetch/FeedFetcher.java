package tributary.fetch;

import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Fetches a feed over HTTP(S): conditional GET, gzip, capped body, redirects checked by the address guard at each hop. */
@Singleton
public class FeedFetcher {

    private final FetchConfig config;
    private final AddressGuard guard;
    private final HttpClient client;

    public FeedFetcher(FetchConfig config, AddressGuard guard) {
        this.config = config;
        this.guard = guard;
        // Redirects are followed by hand so every hop passes the address guard.
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public FetchOutcome fetch(FetchRequest request) {
        URI url = request.url();
        for (int hop = 0; hop <= config.maxRedirects(); hop++) {
            Optional<String> refusal = guard.refusal(url);
            if (refusal.isPresent()) {
                return new FetchOutcome.Failed(null, "refused: " + refusal.get());
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(build(url, hop == 0 ? request : new FetchRequest(url, null, null)),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                return new FetchOutcome.Failed(null, "timed out after " + config.readTimeout().toSeconds() + " s");
            } catch (IOException e) {
                return new FetchOutcome.Failed(null, describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FetchOutcome.Failed(null, "interrupted");
            } catch (IllegalArgumentException e) {
                return new FetchOutcome.Failed(null, "bad URL: " + e.getMessage());
            }
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                close(response);
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    return new FetchOutcome.Failed(status, "redirect without a Location header");
                }
                try {
                    url = url.resolve(location.get().strip());
                } catch (IllegalArgumentException e) {
                    return new FetchOutcome.Failed(status, "redirect to a bad URL: " + location.get());
                }
                continue;
            }
            return answer(url, response);
        }
        return new FetchOutcome.Failed(null, "more than " + config.maxRedirects() + " redirects");
    }

    private HttpRequest build(URI url, FetchRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(config.readTimeout())
                .header("User-Agent", config.userAgent())
                .header("Accept", "application/rss+xml, application/atom+xml, application/feed+json, "
                        + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
                .header("Accept-Encoding", "gzip, deflate")
                .GET();
        if (request.etag() != null) {
            builder.header("If-None-Match", request.etag());
        }
        if (request.lastModified() != null) {
            builder.header("If-Modified-Since", request.lastModified());
        }
        return builder.build();
    }

    private FetchOutcome answer(URI url, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        if (status == 304) {
            close(response);
            return new FetchOutcome.NotModified();
        }
        if (status == 410) {
            close(response);
            return new FetchOutcome.Gone("the server answered 410 Gone");
        }
        if (status == 429 || status == 503) {
            close(response);
            return new FetchOutcome.RateLimited(status,
                    response.headers().firstValue("Retry-After").map(FeedFetcher::retryAfter).orElse(null));
        }
        if (status < 200 || status > 299) {
            close(response);
            return new FetchOutcome.Failed(status, "the server answered HTTP " + status);
        }
        try {
            byte[] body = readCapped(decoded(response));
            return new FetchOutcome.Fetched(url, status, body, response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
        } catch (BodyTooLargeException e) {
            return new FetchOutcome.Failed(status, e.getMessage());
        } catch (IOException e) {
            return new FetchOutcome.Failed(status, "reading the body failed: " + describe(e));
        }
    }

    private static InputStream decoded(HttpResponse<InputStream> response) throws IOException {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(response.body());
            case "deflate" -> new InflaterInputStream(response.body());
            default -> response.body();
        };
    }

    /** Reads at most maxBodyBytes of decompressed body, so a gzip bomb or an endless body is cut off. */
    private byte[] readCapped(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > config.maxBodyBytes()) {
                    throw new BodyTooLargeException("the document is larger than " + config.maxBodyBytes()
                            + " bytes (tributary.fetch.max-body-bytes)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    static Duration retryAfter(String value) {
        String v = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // Nothing to keep from a body we do not read.
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused or unreachable" + (message == null ? "" : ": " + message);
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The body passed the configured cap. */
    private static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }
}
