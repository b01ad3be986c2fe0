package tributary.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Servers that close the connection after each answer (HTTP/1.0 style, or an idle timeout) are fetched again and again. */
class ClosingServerTest {

    @Test
    void aServerThatClosesEveryConnectionIsFetchedRepeatedly() throws Exception {
        byte[] body = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
        AtomicInteger served = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread thread = new Thread(() -> {
                while (!server.isClosed() && served.get() < 10) {
                    try (Socket socket = server.accept()) {
                        readHead(socket.getInputStream());
                        served.incrementAndGet();
                        OutputStream out = socket.getOutputStream();
                        // HTTP/1.0 with a length and no keep-alive: the server hangs up after each answer.
                        out.write(("HTTP/1.0 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: "
                                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
            FeedFetcher fetcher = Fetchers.of(Fetchers.defaults(true));
            URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/feed.rss");
            for (int i = 0; i < 4; i++) {
                FetchOutcome outcome = fetcher.fetch(new FetchRequest(url, null, null));
                assertInstanceOf(FetchOutcome.Fetched.class, outcome, "fetch " + (i + 1) + ": " + outcome);
            }
            assertEquals(4, served.get());
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
    }
}
