package tributary.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fixture server answers as the tests that share it expect: files, handlers by path, validators and counts. */
class FixtureFeedServerTest {

    private final FixtureFeedServer server = new FixtureFeedServer();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String url, String header, String value) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheFixtureFilesWithAContentTypeByExtensionAndCountsRequests() throws Exception {
        HttpResponse<String> rss = get(server.url("vnexpress-thoi-su.rss"), null, null);

        assertEquals(200, rss.statusCode());
        assertEquals("application/rss+xml; charset=utf-8", rss.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(rss.body().contains("<rss"));
        assertEquals(404, get(server.url("missing.rss"), null, null).statusCode());
        assertEquals(1, server.hits("vnexpress-thoi-su.rss"));
    }

    @Test
    void answersNotModifiedWhenEtagMatches() throws Exception {
        server.override("tagged.rss", new FixtureFeedServer.Answer(200, "application/rss+xml", "<rss/>".getBytes())
                .withHeader("ETag", "\"v1\""));

        assertEquals(200, get(server.url("tagged.rss"), "If-None-Match", "\"v0\"").statusCode());
        HttpResponse<String> same = get(server.url("tagged.rss"), "If-None-Match", "\"v1\"");
        assertEquals(304, same.statusCode());
        assertEquals("\"v1\"", same.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void answersNotModifiedWhenLastModifiedMatches() throws Exception {
        String date = "Wed, 28 Jan 2026 12:00:00 GMT";
        server.override("dated.rss", new FixtureFeedServer.Answer(200, "application/rss+xml", "<rss/>".getBytes())
                .withHeader("Last-Modified", date));

        assertEquals(304, get(server.url("dated.rss"), "If-Modified-Since", date).statusCode());
    }

    @Test
    void handlersAnswerByExactPathBeforePrefix() throws Exception {
        server.serveUnder("/f/", request -> new FixtureFeedServer.Answer(200, "text/plain",
                ("prefix " + request.path() + "?" + request.query()).getBytes()));
        server.serve("/f/exact", request -> new FixtureFeedServer.Answer(302, null, new byte[0])
                .withHeader("Location", "/f/moved"));

        assertEquals("prefix /f/7.rss?t=a", get(server.address("/f/7.rss?t=a"), null, null).body());
        assertEquals("prefix /f/moved?null", get(server.address("/f/exact"), null, null).body());
        assertEquals(1, server.hitsAt("/f/exact"));
    }
}
