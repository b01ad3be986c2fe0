package tributary.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on a free loopback port serving the fixture feeds of src/test/resources/feeds/. */
public final class FixtureFeedServer implements AutoCloseable {

    /** A canned answer that replaces a fixture file. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> overrides = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    public FixtureFeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The absolute URL of a fixture, e.g. url("vnexpress-thoi-su.rss"). */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/" + name;
    }

    /** Answers this fixture with the given answer from now on. */
    public void override(String name, Answer answer) {
        overrides.put("/feeds/" + name, answer);
    }

    public void reset() {
        overrides.clear();
        hits.clear();
    }

    public int hits(String name) {
        AtomicInteger count = hits.get("/feeds/" + name);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Answer answer = overrides.get(path);
        if (answer == null) {
            answer = fromResources(path);
        }
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private static Answer fromResources(String path) throws IOException {
        try (InputStream in = FixtureFeedServer.class.getResourceAsStream(path)) {
            if (in == null) {
                return new Answer(404, "text/plain", "not found".getBytes());
            }
            return new Answer(200, contentType(path), in.readAllBytes());
        }
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
    }
}
