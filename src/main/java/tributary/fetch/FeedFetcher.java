package tributary.fetch;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches a feed over HTTP(S): conditional GET, gzip/deflate decoded as a stream under a cap, connect and read
 * timeouts plus one deadline for the whole fetch, at most N requests per host, and redirects followed by hand so
 * every hop passes the address guard, which is also the client's DNS and checks every socket's address at connect.
 */
@Singleton
public class FeedFetcher {

    private final FetchConfig config;
    private final AddressGuard guard;
    private final HostLimiter hosts;
    private final OkHttpClient client;
    private final String userAgent;

    @Inject
    public FeedFetcher(FetchConfig config, AddressGuard guard, HostLimiter hosts) {
        this(config, guard, hosts, guard);
    }

    /** dns replaces the guard's own lookup: tests use it to play a DNS that answers what the guard would refuse. */
    FeedFetcher(FetchConfig config, AddressGuard guard, HostLimiter hosts, Dns dns) {
        this.config = config;
        this.guard = guard;
        this.hosts = hosts;
        this.userAgent = UserAgent.of(config);
        // The guard's client: every socket checked at connect, no proxy, redirects judged hop by hop here. The dns
        // given is the guard itself, or in tests a resolver in front of it.
        this.client = guard.clientBuilder()
                .dns(dns)
                // A pooled connection the server already closed (HTTP/1.0 servers, idle timeouts) fails on first use;
                // OkHttp then retries the GET once on a fresh connection, which passes the guard again.
                .retryOnConnectionFailure(true)
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .build();
    }

    public FetchOutcome fetch(FetchRequest request) {
        long deadline = System.nanoTime() + config.deadline().toNanos();
        String text = request.url().toString();
        HttpUrl base = null;
        HttpUrl url = HttpUrl.parse(text);
        if (url == null) {
            return new FetchOutcome.Failed(null, "refused: " + guard.refusal(text).orElseThrow());
        }
        URI permanent = null;
        boolean permanentSoFar = true;
        for (int hop = 0; ; hop++) {
            Optional<String> refusal = guard.refusal(text, base, url);
            if (refusal.isPresent()) {
                return new FetchOutcome.Failed(null, "refused: " + refusal.get() + (hop > 0 ? " (redirect hop " + hop + ")" : ""));
            }
            try (HostLimiter.Permit permit = hosts.acquire(url.host(), deadline - System.nanoTime())) {
                if (permit == null) {
                    return new FetchOutcome.Failed(null, "no free connection to " + url.host() + " within the "
                            + config.deadline().toSeconds() + " s deadline (tributary.fetch.max-per-host)");
                }
                Call call = client.newCall(build(url, request));
                call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                Response response = null;
                boolean readToEnd = false;
                try {
                    response = call.execute();
                    int status = response.code();
                    if (!response.isRedirect()) {
                        FetchOutcome outcome = answer(url, response, permanent);
                        readToEnd = outcome instanceof FetchOutcome.Fetched || outcome instanceof FetchOutcome.NotModified;
                        return outcome;
                    }
                    if (hop >= config.maxRedirects()) {
                        return new FetchOutcome.Failed(status, "more than " + config.maxRedirects()
                                + " redirects (tributary.fetch.max-redirects), the last to " + url);
                    }
                    String location = response.header("Location");
                    if (location == null) {
                        return new FetchOutcome.Failed(status, "a redirect (HTTP " + status + ") without a Location header");
                    }
                    HttpUrl next = url.resolve(location.strip());
                    if (next == null) {
                        return new FetchOutcome.Failed(status, "refused: a redirect to '" + location + "', "
                                + HostSpelling.problem(location, url, null)
                                        .orElse("which is not an http or https URL"));
                    }
                    if (permanentSoFar && (status == 301 || status == 308)) {
                        permanent = next.uri();
                    } else {
                        permanentSoFar = false;
                    }
                    text = location;
                    base = url;
                    url = next;
                } finally {
                    // Hang up on an answer not read to the end: closing it would make OkHttp read on to reuse
                    // the connection, and a hostile server sends tens of megabytes in that time.
                    if (!readToEnd) {
                        call.cancel();
                    }
                    if (response != null) {
                        response.close();
                    }
                }
            } catch (IOException e) {
                return new FetchOutcome.Failed(null, describe(e, deadline));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FetchOutcome.Failed(null, "interrupted");
            }
        }
    }

    /** The request for one hop; should a stored validator still not go into a header, the hop goes without them. */
    private Request build(HttpUrl url, FetchRequest request) {
        try {
            return build(url, request, true);
        } catch (IllegalArgumentException e) {
            return build(url, request, false);
        }
    }

    private Request build(HttpUrl url, FetchRequest request, boolean conditional) {
        // Validators go to every hop: behind a redirect, the last server is the one that can answer 304.
        Request.Builder builder = new Request.Builder().url(url)
                .header("User-Agent", userAgent)
                .header("Accept", request.accept())
                // Set by hand, so OkHttp leaves decoding to us and the cap applies to decoded bytes.
                .header("Accept-Encoding", "gzip, deflate");
        // A value that cannot be sent is left out, so rows stored before the rule heal with one full GET.
        String etag = conditional ? Validators.etag(request.etag()) : null;
        String lastModified = conditional ? Validators.lastModified(request.lastModified()) : null;
        if (etag != null) {
            builder.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            builder.header("If-Modified-Since", lastModified);
        }
        return builder.build();
    }

    private FetchOutcome answer(HttpUrl url, Response response, URI permanent) throws IOException {
        int status = response.code();
        CacheDirectives cache = CacheDirectives.of(response.header("Cache-Control"), response.header("Expires"));
        if (status == 304) {
            return new FetchOutcome.NotModified(cache.maxAge(), permanent);
        }
        if (status == 410) {
            return new FetchOutcome.Gone("the server answered 410 Gone: the publisher removed this feed");
        }
        if (status == 429 || status == 503) {
            return new FetchOutcome.RateLimited(status, response.header("Retry-After"));
        }
        if (status < 200 || status > 299) {
            return new FetchOutcome.Failed(status, "the server answered HTTP " + status);
        }
        InputStream raw = response.body().byteStream();
        InputStream decoded;
        String encoding = Optional.ofNullable(response.header("Content-Encoding")).orElse("").strip()
                .toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "gzip", "x-gzip" -> decoded = new GZIPInputStream(raw, 64 * 1024);
            case "deflate" -> decoded = inflating(raw);
            case "", "identity" -> decoded = raw;
            default -> {
                return new FetchOutcome.Failed(status, "the server sent Content-Encoding '" + encoding
                        + "', which Tributary cannot decode (it asks for gzip or deflate)");
            }
        }
        CappedBody body;
        try {
            body = CappedBody.read(decoded, config.maxBodyBytes());
        } catch (CappedBody.TooLargeException e) {
            // Left open on purpose: the caller hangs up first, so closing reads nothing more.
            return new FetchOutcome.Failed(status, e.getMessage());
        }
        decoded.close();
        boolean keep = !cache.noStore();
        return new FetchOutcome.Fetched(url.uri(), status, body.bytes(), body.sha256(), response.header("Content-Type"),
                keep ? Validators.etag(response.header("ETag")) : null,
                keep ? Validators.lastModified(response.header("Last-Modified")) : null,
                cache.maxAge(), permanent, contentLocation(url.uri(), response.header("Content-Location")),
                linkHeaders(response));
    }

    /** A few Link headers of bounded length: a server cannot grow what the poller hands on. */
    private static List<String> linkHeaders(Response response) {
        return response.headers("Link").stream().limit(10).filter(value -> value.length() <= 4096).toList();
    }

    /** "deflate" is zlib-wrapped by the standard and raw by some servers: the first two bytes tell which. */
    private static InputStream inflating(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0;
        return new InflaterInputStream(in, new Inflater(!zlib), 64 * 1024);
    }

    private String describe(IOException e, long deadline) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof AddressGuard.AddressRefusedException) {
            return "refused: " + message;
        }
        // OkHttp reports socket timeouts as SocketTimeoutException and its call deadline as a plain InterruptedIOException.
        if (e instanceof SocketTimeoutException) {
            return message.toLowerCase(Locale.ROOT).contains("connect")
                    ? "could not connect within " + seconds(config.connectTimeout()) + " (tributary.fetch.connect-timeout)"
                    : "the server sent nothing for " + seconds(config.readTimeout()) + " (tributary.fetch.read-timeout)";
        }
        if (e instanceof InterruptedIOException || System.nanoTime() - deadline >= 0) {
            return "no complete answer within the " + seconds(config.deadline())
                    + " deadline (tributary.fetch.deadline)";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host: " + message;
        }
        if (e instanceof SSLException) {
            return "TLS failed: " + message;
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused or unreachable: " + message;
        }
        return e.getClass().getSimpleName() + ": " + message;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** RFC 9110 §8.7: a Content-Location names the document's own URL; only an http(s) one is taken. */
    static URI contentLocation(URI requested, String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            URI resolved = requested.resolve(header.strip());
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && resolved.getHost() != null ? resolved : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
