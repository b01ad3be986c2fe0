package tributary.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The one HTTP server the tests fetch from, on a free loopback port: the fixture feeds of src/test/resources/feeds/
 * under /feeds/ (or any other files), canned or generated answers per path, conditional GETs, and request counts.
 * Handlers may block (to hold a poll in flight); raw-socket misbehaviour lives in {@link RawSocketServer}.
 */
public final class FixtureFeedServer implements AutoCloseable {

    /** What a handler sees of a request, its body read whole; header names are matched ignoring case. */
    public record Request(String method, String path, String query, Headers headers, byte[] body) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** An answer: status, Content-Type (none where null), body, and any other headers (ETag, Location, …). */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

        public Answer(int status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of());
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, contentType, body, more);
        }

        public static Answer notFound() {
            return new Answer(404, "text/plain", "not found".getBytes());
        }
    }

    private final HttpServer server;
    // Cached, not fixed: tests hold requests at a gate, and a held request must not starve the others.
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fixture-feed-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Function<Request, Answer> files;
    private final Map<String, Function<Request, Answer>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Function<Request, Answer>> prefixHandlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    /** Serves src/test/resources/feeds/ under /feeds/. */
    public FixtureFeedServer() {
        this(request -> fromResources(request.path()));
    }

    /** Answers what no handler claims with files: e.g. a directory served byte for byte. */
    public FixtureFeedServer(Function<Request, Answer> files) {
        this.files = files;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The absolute URL of a fixture, e.g. url("vnexpress-thoi-su.rss"). */
    public String url(String name) {
        return address("/feeds/" + name);
    }

    /** The absolute URL of any path on this server, e.g. address("/f/1.rss"). */
    public String address(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers this fixture with the given answer from now on. */
    public void override(String name, Answer answer) {
        serve("/feeds/" + name, request -> answer);
    }

    /** Answers this exact path with what the handler decides, on each request. */
    public void serve(String path, Function<Request, Answer> handler) {
        handlers.put(path, handler);
    }

    /** Answers every path under this prefix (e.g. "/f/") that has no exact handler. */
    public void serveUnder(String prefix, Function<Request, Answer> handler) {
        prefixHandlers.put(prefix, handler);
    }

    public void reset() {
        handlers.clear();
        prefixHandlers.clear();
        hits.clear();
    }

    /** How many requests reached this fixture. */
    public int hits(String name) {
        return hitsAt("/feeds/" + name);
    }

    /** How many requests reached this path. */
    public int hitsAt(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
            hits.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();
            Answer answer = notModified(request, handlerFor(request.path()).apply(request));
            Headers headers = exchange.getResponseHeaders();
            if (answer.contentType() != null) {
                headers.set("Content-Type", answer.contentType());
            }
            answer.headers().forEach(headers::add);
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } finally {
            exchange.close();
        }
    }

    private Function<Request, Answer> handlerFor(String path) {
        Function<Request, Answer> exact = handlers.get(path);
        if (exact != null) {
            return exact;
        }
        String longest = null;
        for (String prefix : prefixHandlers.keySet()) {
            if (path.startsWith(prefix) && (longest == null || prefix.length() > longest.length())) {
                longest = prefix;
            }
        }
        return longest == null ? files : prefixHandlers.get(longest);
    }

    /** A 304 where the request's validators match the answer's, as a real origin server would send. */
    private static Answer notModified(Request request, Answer answer) {
        if (answer.status() != 200) {
            return answer;
        }
        String etag = answer.headers().get("ETag");
        String lastModified = answer.headers().get("Last-Modified");
        String ifNoneMatch = request.header("If-None-Match");
        boolean matches = ifNoneMatch != null ? ifNoneMatch.equals(etag)
                : lastModified != null && lastModified.equals(request.header("If-Modified-Since"));
        if (!matches) {
            return answer;
        }
        Map<String, String> validators = new LinkedHashMap<>(answer.headers());
        validators.keySet().retainAll(Set.of("ETag", "Last-Modified", "Cache-Control"));
        return new Answer(304, null, new byte[0], validators);
    }

    private static Answer fromResources(String path) {
        try (InputStream in = FixtureFeedServer.class.getResourceAsStream(path)) {
            if (in == null) {
                return Answer.notFound();
            }
            return new Answer(200, contentType(path), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers a path with the file it names below root, or 404 outside root; headers come from the function. */
    public static Function<Request, Answer> directory(Path root, Function<Path, Answer> answerFor) {
        return request -> {
            Path file = root.resolve(request.path().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return new Answer(404, null, new byte[0]);
            }
            return answerFor.apply(file);
        };
    }

    private static String contentType(String path) {
        if (path.endsWith(".rss")) {
            return "application/rss+xml; charset=utf-8";
        }
        if (path.endsWith(".atom")) {
            return "application/atom+xml";
        }
        if (path.endsWith(".json")) {
            return "application/feed+json";
        }
        return path.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
