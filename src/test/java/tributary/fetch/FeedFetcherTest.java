package tributary.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.support.RawSocketServer;

/** The fetcher against real loopback servers: conditional GET, decoding, statuses, redirects and every limit. */
class FeedFetcherTest {

    private static final String RSS = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";

    private MockWebServer server;
    private final FeedFetcher fetcher = Fetchers.of(Fetchers.defaults(true));

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FetchOutcome fetch(String path, String etag, String lastModified) {
        return fetcher.fetch(new FetchRequest(server.url(path).uri(), etag, lastModified));
    }

    @Nested
    class ConditionalGet {

        @Test
        void sendsTheStoredValidatorsAndReadsA304AsNotModified() throws Exception {
            server.enqueue(new MockResponse.Builder().code(304).addHeader("Cache-Control", "max-age=600").build());

            FetchOutcome outcome = fetch("/feed", "\"v1\"", "Wed, 28 Jan 2026 10:00:00 GMT");

            assertEquals(new FetchOutcome.NotModified(Duration.ofMinutes(10), null), outcome);
            RecordedRequest request = server.takeRequest();
            assertEquals("\"v1\"", request.getHeaders().get("If-None-Match"));
            assertEquals("Wed, 28 Jan 2026 10:00:00 GMT", request.getHeaders().get("If-Modified-Since"));
        }

        @Test
        void contentLocationBecomesTheBaseOfRelativeLinksAndOnlyHttpCounts() {
            server.enqueue(new MockResponse.Builder().body(RSS).addHeader("Content-Location", "/rss/tin/feed.xml").build());
            server.enqueue(new MockResponse.Builder().body(RSS).addHeader("Content-Location", "javascript:alert(1)").build());
            server.enqueue(new MockResponse.Builder().body(RSS).build());

            FetchOutcome.Fetched located = (FetchOutcome.Fetched) fetch("/feed", null, null);
            assertEquals(server.url("/rss/tin/feed.xml").uri(), located.base());
            assertEquals(server.url("/feed").uri(), ((FetchOutcome.Fetched) fetch("/feed", null, null)).base());
            assertEquals(server.url("/feed").uri(), ((FetchOutcome.Fetched) fetch("/feed", null, null)).base());
        }

        @Test
        void keepsAtMostTenLinkHeadersOfAtMost4KiBEach() {
            MockResponse.Builder answer = new MockResponse.Builder().body(RSS)
                    .addHeader("Link", "<https://hub.example/" + "x".repeat(5000) + ">; rel=\"hub\"");
            for (int i = 0; i < 30; i++) {
                answer.addHeader("Link", "<https://hub" + i + ".example/>; rel=\"hub\"");
            }
            server.enqueue(answer.build());

            List<String> links = ((FetchOutcome.Fetched) fetch("/feed", null, null)).links();

            assertTrue(links.size() <= 10, links.size() + " Link headers kept");
            assertTrue(links.stream().allMatch(link -> link.length() <= 4096), "an overlong Link header is dropped");
            assertTrue(links.contains("<https://hub1.example/>; rel=\"hub\""), links.toString());
        }

        @Test
        void keepsValidatorsAndHashesTheBody() {
            server.enqueue(new MockResponse.Builder().body(RSS).addHeader("ETag", "\"v2\"")
                    .addHeader("Last-Modified", "Wed, 28 Jan 2026 11:00:00 GMT").build());

            FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) fetch("/feed", null, null);

            assertEquals("\"v2\"", fetched.etag());
            assertEquals("Wed, 28 Jan 2026 11:00:00 GMT", fetched.lastModified());
            assertEquals(64, fetched.bodyHash().length());
            assertArrayEquals(RSS.getBytes(StandardCharsets.UTF_8), fetched.body());
        }

        @ParameterizedTest
        @ValueSource(strings = {"Cache-Control: no-store", "Cache-Control: private, no-store", "Expires: 0"})
        void dropsValidatorsWhenTheServerForbidsStoring(String header) {
            server.enqueue(new MockResponse.Builder().body(RSS).addHeader(header).addHeader("ETag", "\"v3\"")
                    .addHeader("Last-Modified", "Wed, 28 Jan 2026 11:00:00 GMT").build());

            FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) fetch("/feed", null, null);

            assertNull(fetched.etag());
            assertNull(fetched.lastModified());
        }

        @Test
        void aValidatorThatCannotBeSentBackIsNotKeptAndTheNextFetchIsAPlainGet() throws Exception {
            // Raw bytes no header may carry: UTF-8 "café" in the ETag, Latin-1 "Mär" in Last-Modified.
            byte[] head = RawSocketServer.ascii("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                    + "Content-Length: " + RSS.length() + "\r\nConnection: close\r\nETag: \"caf\u00c3\u00a9\"\r\n"
                    + "Last-Modified: Sat, 07 M\u00e4r 2026 10:00:00 GMT\r\n\r\n" + RSS);
            try (RawSocketServer raw = new RawSocketServer((out, sent) -> out.write(head))) {
                URI url = URI.create(raw.url("/feed"));

                FetchOutcome.Fetched first = assertInstanceOf(FetchOutcome.Fetched.class,
                        fetcher.fetch(new FetchRequest(url, null, null)));
                assertNull(first.etag());
                assertNull(first.lastModified());

                FetchOutcome second = fetcher.fetch(new FetchRequest(url, first.etag(), first.lastModified()));
                assertInstanceOf(FetchOutcome.Fetched.class, second);
                assertEquals(2, raw.requests());
                String request = raw.requestHeads().get(1).toLowerCase(Locale.ROOT);
                assertFalse(request.contains("if-none-match") || request.contains("if-modified-since"), request);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"caf\u00e9\"", "W/\"\u00c3\u00a9\"", "\"v1\"\r\nX-Injected: 1", "\"a\u0000b\"",
                "\"\u20ac\""})
        void aStoredEtagThatCannotBeSentIsLeftOutSoTheFeedHeals(String etag) throws Exception {
            server.enqueue(new MockResponse.Builder().body(RSS).addHeader("ETag", "\"fresh\"").build());

            FetchOutcome outcome = fetch("/feed", etag, "Wed, 28 Jan 2026 10:00:00 GMT");

            FetchOutcome.Fetched fetched = assertInstanceOf(FetchOutcome.Fetched.class, outcome);
            assertEquals("\"fresh\"", fetched.etag());
            RecordedRequest request = server.takeRequest();
            assertNull(request.getHeaders().get("If-None-Match"));
            assertEquals("Wed, 28 Jan 2026 10:00:00 GMT", request.getHeaders().get("If-Modified-Since"),
                    "the validator that can be sent still goes");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Mi, 28 J\u00e4n 2026 10:00:00 GMT", "Wed, 28 Jan 2026\n10:00:00 GMT"})
        void aStoredLastModifiedThatCannotBeSentIsLeftOut(String lastModified) throws Exception {
            server.enqueue(new MockResponse.Builder().body(RSS).build());

            FetchOutcome outcome = fetch("/feed", "\"v1\"", lastModified);

            assertInstanceOf(FetchOutcome.Fetched.class, outcome);
            RecordedRequest request = server.takeRequest();
            assertEquals("\"v1\"", request.getHeaders().get("If-None-Match"));
            assertNull(request.getHeaders().get("If-Modified-Since"));
        }

        @Test
        void validatorsLongerThanTheirColumnsAreNotKept() {
            String etag = "\"" + "e".repeat(499) + "\"";
            String date = "Wed, 28 Jan 2026 11:00:00 GMT" + "x".repeat(72);
            server.enqueue(new MockResponse.Builder().body(RSS).addHeader("ETag", etag)
                    .addHeader("Last-Modified", date).build());
            server.enqueue(new MockResponse.Builder().body(RSS).addHeader("ETag", etag.substring(1))
                    .addHeader("Last-Modified", date.substring(0, 100)).build());

            FetchOutcome.Fetched tooLong = (FetchOutcome.Fetched) fetch("/feed", null, null);
            FetchOutcome.Fetched fits = (FetchOutcome.Fetched) fetch("/feed", null, null);

            assertNull(tooLong.etag());
            assertNull(tooLong.lastModified());
            assertEquals(500, fits.etag().length());
            assertEquals(100, fits.lastModified().length());
        }

        @Test
        void sendsNoValidatorsItDoesNotHave() throws Exception {
            server.enqueue(new MockResponse.Builder().body(RSS).build());
            fetch("/feed", null, null);
            RecordedRequest request = server.takeRequest();
            assertNull(request.getHeaders().get("If-None-Match"));
            assertNull(request.getHeaders().get("If-Modified-Since"));
        }
    }

    @Test
    void namesItselfWithVersionAndProjectUrlAndAsksForCompression() throws Exception {
        server.enqueue(new MockResponse.Builder().body(RSS).build());
        fetch("/feed", null, null);
        RecordedRequest request = server.takeRequest();
        String agent = request.getHeaders().get("User-Agent");
        assertTrue(agent.matches("Tributary/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(\\+https://github\\.com/tributary\\)"), agent);
        assertEquals("gzip, deflate", request.getHeaders().get("Accept-Encoding"));
    }

    @Nested
    class Encodings {

        @Test
        void decodesGzip() throws IOException {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(RSS.getBytes(StandardCharsets.UTF_8));
            }
            server.enqueue(new MockResponse.Builder().body(new Buffer().write(zipped.toByteArray()))
                    .addHeader("Content-Encoding", "gzip").build());

            assertArrayEquals(RSS.getBytes(StandardCharsets.UTF_8), ((FetchOutcome.Fetched) fetch("/f", null, null)).body());
        }

        @Test
        void decodesZlibDeflate() throws IOException {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(zipped)) {
                deflate.write(RSS.getBytes(StandardCharsets.UTF_8));
            }
            server.enqueue(new MockResponse.Builder().body(new Buffer().write(zipped.toByteArray()))
                    .addHeader("Content-Encoding", "deflate").build());

            assertArrayEquals(RSS.getBytes(StandardCharsets.UTF_8), ((FetchOutcome.Fetched) fetch("/f", null, null)).body());
        }

        @Test
        void refusesAnEncodingItDidNotAskFor() {
            server.enqueue(new MockResponse.Builder().body("xx").addHeader("Content-Encoding", "br").build());
            FetchOutcome.Failed failed = (FetchOutcome.Failed) fetch("/f", null, null);
            assertTrue(failed.reason().contains("Content-Encoding 'br'"), failed.reason());
        }
    }

    @Nested
    class Statuses {

        @Test
        void goneIs410() {
            server.enqueue(new MockResponse.Builder().code(410).build());
            assertInstanceOf(FetchOutcome.Gone.class, fetch("/f", null, null));
        }

        @ParameterizedTest
        @ValueSource(ints = {429, 503})
        void slowDownCarriesRetryAfter(int status) {
            server.enqueue(new MockResponse.Builder().code(status).addHeader("Retry-After", "3600").build());
            assertEquals(new FetchOutcome.RateLimited(status, "3600"), fetch("/f", null, null));
        }

        @ParameterizedTest
        @ValueSource(ints = {400, 403, 404, 500, 502})
        void otherErrorsFailWithTheStatus(int status) {
            server.enqueue(new MockResponse.Builder().code(status).build());
            FetchOutcome.Failed failed = (FetchOutcome.Failed) fetch("/f", null, null);
            assertEquals(status, failed.status());
            assertEquals("the server answered HTTP " + status, failed.reason());
        }

        @Test
        void aChainOfPermanentRedirectsIsReported() {
            server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/b").build());
            server.enqueue(new MockResponse.Builder().code(308).addHeader("Location", "/c").build());
            server.enqueue(new MockResponse.Builder().body(RSS).build());

            FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) fetch("/a", null, null);

            assertEquals(server.url("/c").uri(), fetched.permanentRedirect());
            assertEquals(server.url("/c").uri(), fetched.finalUrl());
        }

        @Test
        void aTemporaryHopEndsThePermanentPart() {
            server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/b").build());
            server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/c").build());
            server.enqueue(new MockResponse.Builder().body(RSS).build());

            FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) fetch("/a", null, null);

            assertEquals(server.url("/b").uri(), fetched.permanentRedirect());
        }

        @ParameterizedTest
        @ValueSource(ints = {302, 307})
        void temporaryRedirectsAreFollowedButNotReported(int status) {
            server.enqueue(new MockResponse.Builder().code(status).addHeader("Location", "/b").build());
            server.enqueue(new MockResponse.Builder().body(RSS).build());
            FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) fetch("/a", null, null);
            assertNull(fetched.permanentRedirect());
            assertEquals(server.url("/b").uri(), fetched.finalUrl());
        }

        @Test
        void validatorsGoToEveryHop() throws Exception {
            server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/b").build());
            server.enqueue(new MockResponse.Builder().code(304).build());
            assertEquals(new FetchOutcome.NotModified(null, server.url("/b").uri()), fetch("/a", "\"e\"", null));
            server.takeRequest();
            assertEquals("\"e\"", server.takeRequest().getHeaders().get("If-None-Match"));
        }

        @Test
        void aRedirectLoopStopsAfterFiveRedirects() {
            for (int i = 0; i < 10; i++) {
                server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/loop").build());
            }
            FetchOutcome.Failed failed = (FetchOutcome.Failed) fetch("/loop", null, null);
            assertTrue(failed.reason().startsWith("more than 5 redirects"), failed.reason());
            assertEquals(6, server.getRequestCount(), "the first request and five redirects");
        }
    }

    @Nested
    class Limits {

        @Test
        void aGigabyteGzipBombIsCutAtTheCapWithBoundedMemory() throws IOException {
            byte[] bomb = GzipBomb.oneGibibyte();
            server.enqueue(new MockResponse.Builder().body(new Buffer().write(bomb))
                    .addHeader("Content-Encoding", "gzip").build());
            HeapPeak peak = HeapPeak.start();

            FetchOutcome.Failed failed = (FetchOutcome.Failed) fetch("/bomb", null, null);

            long peakBytes = peak.stop();
            System.out.printf("gzip bomb: %d compressed bytes (1 GiB decompressed) refused; heap in use %.1f MiB "
                    + "before, peak %.1f MiB during%n", bomb.length, peak.baseline() / 1048576.0, peakBytes / 1048576.0);
            assertTrue(failed.reason().startsWith("the document is larger than 10485760 bytes once decompressed"),
                    failed.reason());
            // Reading the whole gigabyte would need a gigabyte of heap: the cap keeps it to the cap and buffers.
            assertTrue(peakBytes < 256L * 1024 * 1024, peakBytes + " bytes of heap");
        }

        @Test
        void anEndlessChunkedBodyIsCutAtTheCap() throws Exception {
            try (RawSocketServer endless = new RawSocketServer((out, sent) -> {
                out.write(RawSocketServer.ascii("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n"));
                byte[] chunk = new byte[8192];
                Arrays.fill(chunk, (byte) 'a');
                while (true) {
                    out.write(RawSocketServer.ascii("2000\r\n"));
                    out.write(chunk);
                    out.write(RawSocketServer.ascii("\r\n"));
                    sent.addAndGet(chunk.length);
                }
            })) {
                FeedFetcher capped = Fetchers.of(Fetchers.config(true, Duration.ofSeconds(5), Duration.ofSeconds(30),
                        1024 * 1024, 2));
                FetchOutcome.Failed failed = (FetchOutcome.Failed) capped.fetch(
                        new FetchRequest(URI.create(endless.url("/endless")), null, null));
                assertTrue(failed.reason().startsWith("the document is larger than 1048576 bytes"), failed.reason());
                // The server stops once we hang up: what it sent is the cap plus socket buffers, not more.
                Thread.sleep(200);
                System.out.printf("endless chunked body: cut at %d bytes; the server got %d body bytes out%n",
                        1024 * 1024, endless.bodyBytesSent());
                assertTrue(endless.bodyBytesSent() < 1024 * 1024 + 16 * 1024 * 1024, endless.bodyBytesSent() + " sent");
            }
        }

        @Test
        void anEndlessBodyWithAHugeContentLengthIsCutAtTheCap() throws Exception {
            try (RawSocketServer endless = new RawSocketServer((out, sent) -> {
                out.write(RawSocketServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 107374182400\r\n\r\n"));
                byte[] chunk = new byte[8192];
                while (true) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            })) {
                FeedFetcher capped = Fetchers.of(Fetchers.config(true, Duration.ofSeconds(5), Duration.ofSeconds(30),
                        1024 * 1024, 2));
                FetchOutcome.Failed failed = (FetchOutcome.Failed) capped.fetch(
                        new FetchRequest(URI.create(endless.url("/endless")), null, null));
                assertTrue(failed.reason().startsWith("the document is larger than 1048576 bytes"), failed.reason());
            }
        }

        @Test
        void aDripFeedingServerHitsTheOverallDeadline() throws Exception {
            try (RawSocketServer drip = new RawSocketServer((out, sent) -> {
                out.write(RawSocketServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"));
                out.flush();
                while (true) {
                    out.write('x');
                    out.flush();
                    sent.incrementAndGet();
                    Thread.sleep(50);
                }
            })) {
                // Each byte comes well within the read timeout; only the deadline can stop this.
                FeedFetcher patient = Fetchers.of(Fetchers.config(true, Duration.ofSeconds(2), Duration.ofMillis(1500),
                        10 * 1024 * 1024, 2));
                long start = System.nanoTime();
                FetchOutcome.Failed failed = (FetchOutcome.Failed) patient.fetch(
                        new FetchRequest(URI.create(drip.url("/drip")), null, null));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertTrue(failed.reason().startsWith("no complete answer within the 1500 ms deadline"), failed.reason());
                assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, took.toString());
            }
        }

        @Test
        void aServerThatNeverAcceptsHitsTheConnectTimeout() throws Exception {
            // A listening socket whose accept queue is full drops new SYNs, so connecting hangs until our timeout.
            try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                List<Socket> fillers = new ArrayList<>();
                try {
                    for (int i = 0; i < 4; i++) {
                        Socket filler = new Socket();
                        try {
                            filler.connect(full.getLocalSocketAddress(), 200);
                        } catch (IOException e) {
                            // The queue is full already.
                        }
                        fillers.add(filler);
                    }
                    FetchConfig config = new FetchConfig(true, Duration.ofMillis(400), Duration.ofSeconds(20),
                            Duration.ofSeconds(30), 1024, 5, 2, "https://github.com/tributary", null);
                    FetchOutcome.Failed failed = (FetchOutcome.Failed) Fetchers.of(config).fetch(new FetchRequest(
                            URI.create("http://127.0.0.1:" + full.getLocalPort() + "/feed"), null, null));
                    assertEquals("could not connect within 400 ms (tributary.fetch.connect-timeout)", failed.reason());
                } finally {
                    for (Socket filler : fillers) {
                        filler.close();
                    }
                }
            }
        }

        @Test
        void aSilentServerHitsTheReadTimeout() throws Exception {
            try (RawSocketServer silent = new RawSocketServer((out, sent) -> {
                out.write(RawSocketServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc"));
                out.flush();
                Thread.sleep(5000);
            })) {
                FeedFetcher impatient = Fetchers.of(Fetchers.config(true, Duration.ofMillis(300), Duration.ofSeconds(30),
                        10 * 1024 * 1024, 2));
                FetchOutcome.Failed failed = (FetchOutcome.Failed) impatient.fetch(
                        new FetchRequest(URI.create(silent.url("/silent")), null, null));
                assertEquals("the server sent nothing for 300 ms (tributary.fetch.read-timeout)", failed.reason());
            }
        }
    }

    @Test
    void differentBodiesHashDifferently() {
        server.enqueue(new MockResponse.Builder().body("a").build());
        server.enqueue(new MockResponse.Builder().body("b").build());
        assertNotEquals(((FetchOutcome.Fetched) fetch("/a", null, null)).bodyHash(),
                ((FetchOutcome.Fetched) fetch("/a", null, null)).bodyHash());
    }
}
