package tributary.hub;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A WebSub subscriber on a loopback port for the hub's tests: each callback path answers verifications as told
 * (echo the challenge, answer something else, or 404) and deliveries with a status, and keeps what it received.
 */
final class TestSubscriber implements AutoCloseable {

    enum Verify { ECHO, WRONG, NOT_FOUND }

    /** A verification GET's parameters. */
    record Verification(String path, Map<String, String> params) {
    }

    /** A delivery POST: its headers, exact body bytes, and the wall-clock and monotonic times it arrived. */
    record Delivery(String path, Headers headers, byte[] body, long receivedMillis, long receivedNanos) {
    }

    private final HttpServer server;
    private final Map<String, Verify> verify = new ConcurrentHashMap<>();
    private final Map<String, Integer> postStatus = new ConcurrentHashMap<>();
    final List<Verification> verifications = new CopyOnWriteArrayList<>();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    TestSubscriber() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "test-subscriber");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The callback URL of path, answering verifications as told and deliveries with postStatus. */
    String callback(String path, Verify how, int status) {
        verify.put(path, how);
        postStatus.put(path, status);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Delivery> deliveriesTo(String path) {
        return deliveries.stream().filter(d -> d.path().equals(path)).toList();
    }

    List<Verification> verificationsOf(String path) {
        return verifications.stream().filter(v -> v.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                deliveries.add(new Delivery(path, exchange.getRequestHeaders(), body, System.currentTimeMillis(),
                        System.nanoTime()));
                exchange.sendResponseHeaders(postStatus.getOrDefault(path, 404), -1);
                return;
            }
            Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
            verifications.add(new Verification(path, params));
            Verify how = verify.getOrDefault(path, Verify.NOT_FOUND);
            if (how == Verify.NOT_FOUND) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] answer = (how == Verify.ECHO ? params.get("hub.challenge") : "not the challenge")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
