package tributary.corpus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the shared corpus byte for byte from a loopback port, with the HTTP headers a case's "Header:" comment
 * lines ask for (Content-Type with its charset, ETag, Content-Location, …), else a Content-Type by extension.
 */
final class CorpusServer implements AutoCloseable {

    private static final Pattern HEADER = Pattern.compile("(?m)^\\s*Header:\\s*([A-Za-z][A-Za-z-]*)\\s*:\\s*(.*?)\\s*$");

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    CorpusServer(Path root) {
        this.root = root;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url(String relativePath) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + relativePath;
    }

    /** The headers a case simulates, as name and value pairs. */
    static List<String[]> simulatedHeaders(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        List<String[]> headers = new ArrayList<>();
        Matcher m = HEADER.matcher(head);
        while (m.find()) {
            headers.add(new String[] {m.group(1), m.group(2)});
        }
        return headers;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = Files.readAllBytes(file);
        List<String[]> headers = simulatedHeaders(body);
        if (headers.isEmpty()) {
            exchange.getResponseHeaders().set("Content-Type", byExtension(file.getFileName().toString()));
        }
        for (String[] header : headers) {
            exchange.getResponseHeaders().add(header[0], header[1]);
        }
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String byExtension(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".json")) {
            return "application/feed+json";
        }
        if (n.endsWith(".atom")) {
            return "application/atom+xml";
        }
        if (n.endsWith(".rss")) {
            return "application/rss+xml";
        }
        return n.endsWith(".opml") ? "text/x-opml" : "application/xml";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
