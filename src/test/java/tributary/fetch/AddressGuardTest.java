package tributary.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import javax.net.SocketFactory;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The address guard: every internal address in every spelling refused, on every hop, and never reached. */
class AddressGuardTest {

    private static final AddressGuard STRICT = new AddressGuard(false, address -> false);

    @Nested
    class Addresses {

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1",
                "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "ff02::1",
                "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",
                "64:ff9b:1::8.8.8.8", "2002:7f00:1::1", "2001:0:4136:e378::1", "2002:a00:1::1", "2002:c0a8:101::1",
                "::ffff:0:127.0.0.1", "198.18.0.1", "192.0.0.8", "2001:db8::1", "100::1", "fec0::1"})
        void internalAddressesAreRefused(String address) throws Exception {
            assertTrue(AddressGuard.isInternal(InetAddress.getByName(address)), address);
            assertThrows(AddressGuard.AddressRefusedException.class,
                    () -> STRICT.checkConnect(new InetSocketAddress(InetAddress.getByName(address), 80)), address);
        }

        @ParameterizedTest
        @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
                "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
        void publicAddressesPass(String address) throws Exception {
            assertFalse(AddressGuard.isInternal(InetAddress.getByName(address)), address);
            STRICT.checkConnect(new InetSocketAddress(InetAddress.getByName(address), 80));
        }

        @Test
        void anUnresolvedAddressIsRefusedAtConnect() {
            assertThrows(AddressGuard.AddressRefusedException.class,
                    () -> STRICT.checkConnect(InetSocketAddress.createUnresolved("feeds.example", 80)));
        }
    }

    /** Host spellings parsers read as different addresses: refused outright, even where private addresses are allowed. */
    @Nested
    class Spellings {

        private static final AddressGuard ALLOWING = new AddressGuard(true, address -> false);

        private MockWebServer server;

        @BeforeEach
        void start() throws IOException {
            server = new MockWebServer();
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        }

        @AfterEach
        void stop() {
            server.close();
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "0127.0.0.1          | leading zero",
                "010.0.0.1           | leading zero",
                "0177.0.0.1          | leading zero",
                "127.000.000.001     | leading zero",
                "017700000001        | leading zero",
                "0x7f.0.0.1          | hexadecimal",
                "0x7f.1              | hexadecimal",
                "0x7F000001          | hexadecimal",
                "2130706433          | one number",
                "127.1               | fewer than four parts",
                "10.1                | fewer than four parts",
                "192.168.257         | fewer than four parts",
                "127.0.0.1.          | trailing dot",
                "1.2.3.4.5           | more than four",
                "256.0.0.1           | above 255",
                "feeds.example.123   | last part that is a number",
                "%31%32%37.0.0.1     | percent-escapes",
                "127.0.0.%31         | percent-escapes",
                "１２７.０.０.１         | non-ASCII",
                "[::ffff:127.0.0.1]  | IPv4-mapped",
                "[::ffff:7f00:1]     | IPv4-mapped",
                "[0:0:0:0:0:ffff:7f00:1] | IPv4-mapped",
                "0x7f.0x0.0x0.0x1    | hexadecimal",
                "0000127.0.0.1       | leading zero",
                "[::ffff:10.0.0.1]   | IPv4-mapped",
                "[::ffff:192.0.2.1]  | IPv4-mapped",
                "[::127.0.0.1]       | IPv4-compatible",
                "[fe80::1%25eth0]    | zone id"})
        void isRefusedBeforeAnyRequestWithTheReason(String host, String reason) {
            server.enqueue(new MockResponse.Builder().body("<rss/>").build());
            String url = "http://" + host + ":" + server.getPort() + "/feed";

            FetchOutcome outcome = Fetchers.of(Fetchers.defaults(true)).fetch(new FetchRequest(URI.create(url), null, null));

            FetchOutcome.Failed failed = assertInstanceOf(FetchOutcome.Failed.class, outcome, host);
            assertTrue(failed.reason().startsWith("refused: the host '") && failed.reason().contains("written ambiguously")
                    && failed.reason().contains(reason) && failed.reason().contains("four decimal numbers"),
                    failed.reason());
            assertEquals(0, server.getRequestCount(), host);
        }

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "8.8.8.8", "0.0.0.0", "255.255.255.255", "[::1]", "[2606:4700::1111]",
                "[0:0:0:0:0:0:0:1]", "[64:ff9b::7f00:1]", "example.org", "example.org.", "0x7f.example", "1.2.3.example",
                "bücher.example", "xn--bcher-kva.example", "10.example"})
        void plainAddressesAndNamesAreNotAmbiguous(String host) {
            assertEquals(Optional.empty(), ALLOWING.refusal("http://" + host + "/feed"), host);
        }

        @Test
        void aRedirectToAnAmbiguousSpellingIsRefusedAtTheHop() {
            server.enqueue(new MockResponse.Builder().code(302)
                    .addHeader("Location", "http://0127.0.0.1:" + server.getPort() + "/secret").build());
            server.enqueue(new MockResponse.Builder().body("<rss/>").build());

            FetchOutcome outcome = Fetchers.of(Fetchers.defaults(true))
                    .fetch(new FetchRequest(server.url("/feed").uri(), null, null));

            FetchOutcome.Failed failed = assertInstanceOf(FetchOutcome.Failed.class, outcome);
            assertTrue(failed.reason().startsWith("refused: the host '0127.0.0.1'") && failed.reason().contains("hop 1"),
                    failed.reason());
            assertEquals(1, server.getRequestCount());
        }

        @ParameterizedTest
        @ValueSource(strings = {"//[::ffff:127.0.0.1]:%d/secret", "http:\\\\2130706433:%d/secret",
                "HTTP://%%31%%32%%37.0.0.1:%d/secret", "http://user@0x7f.1:%d/secret"})
        void aRedirectIsJudgedAsWrittenNotAsTheClientCanonicalizesIt(String location) {
            server.enqueue(new MockResponse.Builder().code(301)
                    .addHeader("Location", location.formatted(server.getPort())).build());
            server.enqueue(new MockResponse.Builder().body("<rss/>").build());

            FetchOutcome outcome = Fetchers.of(Fetchers.defaults(true))
                    .fetch(new FetchRequest(server.url("/feed").uri(), null, null));

            FetchOutcome.Failed failed = assertInstanceOf(FetchOutcome.Failed.class, outcome, location);
            assertTrue(failed.reason().contains("written ambiguously"), failed.reason());
            assertEquals(1, server.getRequestCount());
        }

        @Test
        void aRelativeRedirectKeepsTheCheckedHost() {
            server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/0127.0.0.1").build());
            server.enqueue(new MockResponse.Builder().body("<rss/>").build());

            FetchOutcome outcome = Fetchers.of(Fetchers.defaults(true))
                    .fetch(new FetchRequest(server.url("/feed").uri(), null, null));

            assertInstanceOf(FetchOutcome.Fetched.class, outcome);
        }

        @Test
        void theGuardsDnsRefusesAnAmbiguousHostItIsAskedAbout() {
            AddressGuard.AddressRefusedException refused = assertThrows(AddressGuard.AddressRefusedException.class,
                    () -> ALLOWING.lookup("0x7f.1"));
            assertTrue(refused.getMessage().contains("hexadecimal"), refused.getMessage());
        }
    }

    @Nested
    class Names {

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "feeds.localhost", "a.b.localhost."})
        void loopbackNamesAreRefusedUnlessPrivateAddressesAreAllowed(String host) {
            Optional<String> refusal = STRICT.refusal("http://" + host + "/feed");
            assertTrue(refusal.isPresent() && refusal.get().contains("loopback name"), host + ": " + refusal);
            assertThrows(AddressGuard.AddressRefusedException.class, () -> STRICT.lookup(host));
            assertEquals(Optional.empty(), new AddressGuard(true, address -> false)
                    .refusal("http://" + host + "/feed"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost.example.org", "notlocalhost", "localhostfeeds.example"})
        void namesThatOnlyContainLocalhostAreNotLoopbackNames(String host) {
            assertFalse(AddressGuard.isLoopbackName(host), host);
        }
    }

    @Test
    void lookupRefusesAHostNameThatResolvesInternal() {
        AddressGuard.AddressRefusedException refused = assertThrows(AddressGuard.AddressRefusedException.class,
                () -> STRICT.lookup("localhost"));
        assertTrue(refused.getMessage().contains("tributary.fetch.allow-private-addresses"), refused.getMessage());
    }

    @Test
    void lookupAnswersTheAddressItChecked() throws Exception {
        AddressGuard allowing = new AddressGuard(true, address -> false);
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), allowing.lookup("127.0.0.1"));
    }

    @Test
    void refusalIsEmptyForAPublicLiteral() {
        assertTrue(STRICT.refusal("http://93.184.216.34/feed").isEmpty());
    }

    /** Every spelling of an internal target, fetched for real: the loopback server must never see a request. */
    @Nested
    class Fetching {

        private MockWebServer server;

        @BeforeEach
        void start() throws IOException {
            server = new MockWebServer();
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        }

        @AfterEach
        void stop() {
            server.close();
        }

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "localhost", "2130706433", "0x7f.1", "127.1", "0177.0.0.1", "0x7f000001",
                "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::1]", "[64:ff9b::7f00:1]", "[::127.0.0.1]",
                "0.0.0.0", "127.0.0.1.", "LOCALHOST"})
        void everyFormOfLoopbackIsRefusedBeforeAnyRequest(String host) {
            server.enqueue(new MockResponse.Builder().body("<rss/>").build());
            FetchOutcome outcome = Fetchers.of(Fetchers.defaults(false))
                    .fetch(new FetchRequest(URI.create("http://" + host + ":" + server.getPort() + "/feed"), null, null));

            FetchOutcome.Failed failed = assertInstanceOf(FetchOutcome.Failed.class, outcome, host);
            assertTrue(failed.reason().startsWith("refused: "), failed.reason());
            assertEquals(0, server.getRequestCount(), host);
        }

        @ParameterizedTest
        @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/feed", "gopher://127.0.0.1:70/"})
        void otherSchemesAreRefused(String url) {
            FetchOutcome outcome = Fetchers.of(Fetchers.defaults(true)).fetch(new FetchRequest(URI.create(url), null, null));
            assertTrue(((FetchOutcome.Failed) outcome).reason().contains("only http and https"), outcome.toString());
        }

        @Test
        void everyRedirectHopIsChecked() throws IOException {
            // The first server is trusted; it redirects to a second loopback server that is not.
            InetAddress trusted = InetAddress.getByName("127.0.0.1");
            try (MockWebServer internal = new MockWebServer()) {
                internal.start(InetAddress.getByName("127.0.0.2"), 0);
                server.enqueue(new MockResponse.Builder().code(302)
                        .addHeader("Location", "http://127.0.0.2:" + internal.getPort() + "/secret").build());
                FetchOutcome outcome = Fetchers.guarded(trusted::equals)
                        .fetch(new FetchRequest(URI.create("http://127.0.0.1:" + server.getPort() + "/feed"), null, null));

                FetchOutcome.Failed failed = assertInstanceOf(FetchOutcome.Failed.class, outcome);
                assertTrue(failed.reason().startsWith("refused: ") && failed.reason().contains("hop 1"), failed.reason());
                assertEquals(1, server.getRequestCount());
                assertEquals(0, internal.getRequestCount());
            }
        }

        @Test
        void theClientConnectsToTheAddressTheGuardCheckedWithoutASecondLookup() throws Exception {
            // A DNS that rebinds: the first answer passes the guard, any later one points inside.
            AtomicInteger lookups = new AtomicInteger();
            InetAddress checked = InetAddress.getByName("127.0.0.1");
            AddressGuard guard = new AddressGuard(false, checked::equals, host -> List.of(
                    lookups.incrementAndGet() == 1 ? checked : InetAddress.getByName("127.0.0.2")));
            FetchConfig config = Fetchers.defaults(false);
            FeedFetcher fetcher = new FeedFetcher(config, guard, new HostLimiter(config));
            server.enqueue(new MockResponse.Builder().body("<rss/>").build());

            FetchOutcome outcome = fetcher.fetch(new FetchRequest(
                    URI.create("http://feeds.example:" + server.getPort() + "/feed"), null, null));

            assertInstanceOf(FetchOutcome.Fetched.class, outcome);
            assertEquals(1, lookups.get());
            // The server was reached at the checked address, and still told the name the feed was asked by.
            assertEquals("feeds.example:" + server.getPort(), server.takeRequest().getHeaders().get("Host"));
        }

        @Test
        void aRedirectToAnotherSchemeIsRefused() {
            server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "file:///etc/passwd").build());
            FetchOutcome outcome = Fetchers.of(Fetchers.defaults(true))
                    .fetch(new FetchRequest(server.url("/feed").uri(), null, null));
            assertTrue(((FetchOutcome.Failed) outcome).reason().startsWith("refused: a redirect to 'file:"),
                    outcome.toString());
        }
    }
    /** The check at the socket: whatever the URL and the DNS said, a connection to an internal address never opens. */
    @Nested
    class Connecting {

        private MockWebServer server;

        @BeforeEach
        void start() throws IOException {
            server = new MockWebServer();
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        }

        @AfterEach
        void stop() {
            server.close();
        }

        @Test
        void aDnsAnswerThatSlipsPastTheLookupIsStillRefusedAtConnect() {
            // Not the guard's DNS: it says a public-looking name is loopback, as a rebinding DNS does on a later answer.
            Dns rebinding = host -> List.of(InetAddress.getByName("127.0.0.1"));
            FetchConfig config = Fetchers.defaults(false);
            FeedFetcher fetcher = new FeedFetcher(config, STRICT, new HostLimiter(config), rebinding);
            server.enqueue(new MockResponse.Builder().body("<rss/>").build());

            FetchOutcome outcome = fetcher.fetch(new FetchRequest(
                    URI.create("http://feeds.example:" + server.getPort() + "/feed"), null, null));

            FetchOutcome.Failed failed = assertInstanceOf(FetchOutcome.Failed.class, outcome);
            assertTrue(failed.reason().startsWith("refused: a connection to the internal address 127.0.0.1 (port "
                    + server.getPort() + ")"), failed.reason());
            assertTrue(failed.reason().contains("tributary.fetch.allow-private-addresses"), failed.reason());
            assertEquals(0, server.getRequestCount());
        }

        @Test
        void aRedirectHopWhoseNameLeadsInsideIsRefusedAtConnect() throws IOException {
            // The first server is trusted; the redirect names a host the DNS maps to a second, untrusted loopback server.
            InetAddress trusted = InetAddress.getByName("127.0.0.1");
            try (MockWebServer internal = new MockWebServer()) {
                internal.start(InetAddress.getByName("127.0.0.2"), 0);
                Dns dns = host -> List.of(InetAddress.getByName(host.equals("inside.example") ? "127.0.0.2" : host));
                FetchConfig config = Fetchers.defaults(false);
                FeedFetcher fetcher = new FeedFetcher(config, new AddressGuard(false, trusted::equals),
                        new HostLimiter(config), dns);
                server.enqueue(new MockResponse.Builder().code(302)
                        .addHeader("Location", "http://inside.example:" + internal.getPort() + "/secret").build());

                FetchOutcome outcome = fetcher.fetch(new FetchRequest(
                        URI.create("http://127.0.0.1:" + server.getPort() + "/feed"), null, null));

                FetchOutcome.Failed failed = assertInstanceOf(FetchOutcome.Failed.class, outcome);
                assertTrue(failed.reason().startsWith("refused: a connection to the internal address 127.0.0.2"),
                        failed.reason());
                assertEquals(1, server.getRequestCount());
                assertEquals(0, internal.getRequestCount());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"unconnected", "byName", "byAddress", "byNameFromLocal", "byAddressFromLocal"})
        void everySocketTheFactoryMakesRefusesAnInternalAddress(String how) throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
                listener.setSoTimeout(200);
                SocketFactory sockets = STRICT.socketFactory();
                InetAddress loopback = InetAddress.getByName("127.0.0.1");
                int port = listener.getLocalPort();

                assertThrows(AddressGuard.AddressRefusedException.class, () -> {
                    switch (how) {
                        case "unconnected" -> sockets.createSocket().connect(new InetSocketAddress(loopback, port), 1000);
                        case "byName" -> sockets.createSocket("127.0.0.1", port).close();
                        case "byAddress" -> sockets.createSocket(loopback, port).close();
                        case "byNameFromLocal" -> sockets.createSocket("127.0.0.1", port, loopback, 0).close();
                        default -> sockets.createSocket(loopback, port, loopback, 0).close();
                    }
                });
                // Nothing reached the listener: a connection made before the refusal would be waiting here.
                assertThrows(SocketTimeoutException.class, listener::accept);
            }
        }

        @Test
        void withPrivateAddressesAllowedTheFactoryConnects() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
                 Socket socket = new AddressGuard(true, address -> false).socketFactory()
                         .createSocket("127.0.0.1", listener.getLocalPort())) {
                assertTrue(socket.isConnected());
            }
        }
    }
}
