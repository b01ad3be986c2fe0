package tributary.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.common.HubSignature;
import tributary.config.ConfigDefaults;
import tributary.fetch.AddressGuard;
import tributary.fetch.FetchConfig;
import tributary.publish.PublicUrlConfig;
import tributary.store.HubSubscriptionRepository;

/** The hub's rules that need no server: leases, back-off, signatures, and callbacks the address guard refuses. */
class HubRulesTest {

    private final HubConfig config = ConfigDefaults.of(HubConfig.class);

    @ParameterizedTest
    @CsvSource({"'', 864000", "0, 864000", "-5, 864000", "3600, 3600", "2592000, 2592000", "99999999, 2592000"})
    void leasesAreTheDefaultWhenUnaskedAndAtMostTheMaximum(String asked, long granted) {
        assertEquals(granted, config.leaseSeconds(asked.isEmpty() ? null : Long.valueOf(asked)));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "7, 60", "40, 60"})
    void retriesWaitTwiceAsLongEachTimeUpToTheMaximum(int failedAttempts, long minutes) {
        assertEquals(Duration.ofMinutes(minutes), config.backOff(failedAttempts));
    }

    @ParameterizedTest
    @CsvSource({"key, The quick brown fox jumps over the lazy dog,"
            + " f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"})
    void signaturesAreHmacSha256InHex(String key, String body, String hex) {
        assertEquals("sha256=" + hex, HubSignature.sign(body.getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8)));
    }

    /** With private addresses refused (the default), a callback inside the network is refused before any lookup. */
    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1/cb", "http://127.0.0.1:8080/cb", "http://localhost/cb",
            "http://[::1]/cb", "http://0127.0.0.1/cb", "http://169.254.169.254/latest", "ftp://example.com/cb",
            "javascript:alert(1)"})
    void callbacksTheGuardRefusesAreRefused(String callback) {
        SubscriptionRequests requests = new SubscriptionRequests(null,
                new AddressGuard(ConfigDefaults.of(FetchConfig.class)), null, config);
        HubRefusedException refused = assertThrows(HubRefusedException.class, () -> requests.check(
                Map.of("hub.mode", "subscribe", "hub.topic", "http://t.example/feeds/all.rss",
                        "hub.callback", callback), null));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().startsWith("hub.callback is refused: "), refused.getMessage());
    }

    /** Limits are checked for a new (topic, callback) only: renewing an existing subscription is always allowed. */
    @ParameterizedTest
    @CsvSource({"99, 0, false, 202", "100, 0, false, 429", "100, 0, true, 202", "0, 10000, false, 503",
            "100, 10000, true, 202"})
    void newSubscriptionsStopAtTheLimitsButRenewalsDoNot(long onHost, long total, boolean exists, int status)
            throws Exception {
        HubSubscriptionRepository repository = (HubSubscriptionRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HubSubscriptionRepository.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "countByCallbackHost" -> onHost;
                    case "count" -> total;
                    case "findByTopicHashAndCallbackHash" -> exists ? Optional.of(new Object()) : Optional.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        TopicResolver topics = new TopicResolver(new PublicUrlConfig("https://t.example"),
                request -> "https://t.example", null, null);
        SubscriptionRequests requests = new SubscriptionRequests(topics,
                new AddressGuard(ConfigDefaults.of(FetchConfig.class)), repository, config);
        Map<String, String> form = Map.of("hub.mode", "subscribe", "hub.topic", "https://t.example/feeds/all.rss",
                "hub.callback", "https://reader.example/push/1");
        if (status == 202) {
            assertEquals("reader.example", requests.check(form, null).callbackHost());
        } else {
            assertEquals(status, assertThrows(HubRefusedException.class, () -> requests.check(form, null)).status());
        }
    }

    @org.junit.jupiter.api.Test
    void aSwitchedOffHubIsAdvertisedNowhere() {
        assertEquals("https://t.example/websub", new HubLinks(config).hubUrl("https://t.example"));
        HubConfig off = new HubConfig(false, config.leaseDefault(), config.leaseMax(), config.maxSubscriptions(),
                config.maxPerCallbackHost(), config.verifyTimeout(), config.deliveryTimeout(),
                config.deliveryThreads(), config.deliveryQueue(), config.queueCheckInterval(), config.retryFirst(),
                config.retryMax(), config.maxAttempts());
        assertNull(new HubLinks(off).hubUrl("https://t.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "publish", "SUBSCRIBEx"})
    void onlySubscribeAndUnsubscribeAreModes(String mode) {
        SubscriptionRequests requests = new SubscriptionRequests(null, null, null, config);
        HubRefusedException refused = assertThrows(HubRefusedException.class, () -> requests.check(
                Map.of("hub.mode", mode, "hub.callback", "http://example.com/cb"), null));
        assertEquals(400, refused.status());
    }
}
