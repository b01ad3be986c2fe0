package tributary.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.config.ConfigDefaults;
import tributary.fetch.AddressGuard;
import tributary.fetch.FetchConfig;

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
        assertEquals("sha256=" + hex, HubSignature.of(key.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8)));
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
