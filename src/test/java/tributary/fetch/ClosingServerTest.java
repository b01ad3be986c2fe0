package tributary.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tributary.support.RawSocketServer;

/** Servers that close the connection after each answer (HTTP/1.0 style, or an idle timeout) are fetched again and again. */
class ClosingServerTest {

    @Test
    void aServerThatClosesEveryConnectionIsFetchedRepeatedly() throws Exception {
        byte[] body = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
        // HTTP/1.0 with a length and no keep-alive: the server hangs up after each answer.
        try (RawSocketServer server = new RawSocketServer((out, sent) -> {
            out.write(RawSocketServer.ascii("HTTP/1.0 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: "
                    + body.length + "\r\n\r\n"));
            out.write(body);
            out.flush();
        })) {
            FeedFetcher fetcher = Fetchers.of(Fetchers.defaults(true));
            URI url = URI.create(server.url("/feed.rss"));
            for (int i = 0; i < 4; i++) {
                FetchOutcome outcome = fetcher.fetch(new FetchRequest(url, null, null));
                assertInstanceOf(FetchOutcome.Fetched.class, outcome, "fetch " + (i + 1) + ": " + outcome);
            }
            assertEquals(4, server.requests());
        }
    }
}
