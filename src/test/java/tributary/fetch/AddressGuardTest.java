package tributary.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
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
                "64:ff9b:1::8.8.8.8", "2002:7f00:1::1", "2001:0:4136:e378::1"})
        void internalAddressesAreRefused(String address) throws Exception {
            assertTrue(AddressGuard.isInternal(InetAddress.getByName(address)), address);
        }

        @ParameterizedTest
        @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
                "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
        void publicAddressesPass(String address) throws Exception {
            assertFalse(AddressGuard.isInternal(InetAddress.getByName(address)), address);
        }
    }

    @Nested
    class LegacyForms {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({"2130706433, 127.0.0.1", "0x7f.1, 127.0.0.1", "127.1, 127.0.0.1", "0177.0.0.1, 127.0.0.1",
                "0x7f000001, 127.0.0.1", "10.1, 10.0.0.1", "192.168.257, 192.168.1.1", "0, 0.0.0.0",
                "8.8.8.8, 8.8.8.8", "127.0.0.1., 127.0.0.1"})
        void readsIpv4AsInetAtonDoes(String host, String address) {
            assertEquals(address, LegacyIpv4.parse(host).getHostAddress());
        }

        @ParameterizedTest
        @ValueSource(strings = {"example.org", "1.2.3.4.5", "256.1.1.1", "0x1ffffffff", "09.1.1.1", "1.2.3.example"})
        void hostNamesAndOutOfRangeNumbersAreNotAddresses(String host) {
            assertNull(LegacyIpv4.parse(host));
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
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), allowing.lookup("2130706433"));
    }

    @Test
    void refusalIsEmptyForAPublicLiteral() {
        assertTrue(STRICT.refusal(HttpUrl.get("http://93.184.216.34/feed")).isEmpty());
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
                        .fetch(new FetchRequest(server.url("/feed").uri(), null, null));

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
}
