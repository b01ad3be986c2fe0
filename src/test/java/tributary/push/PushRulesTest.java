package tributary.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.common.HubSignature;
import tributary.config.ConfigDefaults;
import tributary.publish.PublicUrlConfig;

/** The subscriber's small rules: signatures, Link headers, when subscribing is on, the retry back-off. */
class PushRulesTest {

    private static final byte[] BODY = "<rss/>".getBytes(StandardCharsets.UTF_8);

    @Nested
    class Signatures {

        @ParameterizedTest
        @CsvSource({"sha1, HmacSHA1", "sha256, HmacSHA256", "sha384, HmacSHA384", "sha512, HmacSHA512",
                "SHA256, HmacSHA256"})
        void acceptsEveryRecognizedMethod(String method, String algorithm) throws Exception {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), algorithm));
            String header = method + "=" + HexFormat.of().formatHex(mac.doFinal(BODY));
            assertTrue(HubSignature.valid(header, BODY, "s3cret"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"md5=00", "sha256=zz", "sha256", "sha256=", "=abc"})
        void refusesUnknownMethodsAndMalformedValues(String header) {
            assertFalse(HubSignature.valid(header, BODY, "s3cret"));
        }

        @Test
        void refusesAMissingHeaderAnotherSecretAndAnotherBody() {
            assertFalse(HubSignature.valid(null, BODY, "s3cret"));
            assertFalse(HubSignature.valid(HubSignature.sign(BODY, "other"), BODY, "s3cret"));
            assertFalse(HubSignature.valid(HubSignature.sign("x".getBytes(), "s3cret"), BODY, "s3cret"));
            assertTrue(HubSignature.valid(HubSignature.sign(BODY, "s3cret"), BODY, "s3cret"));
        }
    }

    @Test
    void linkHeadersNameTargetsByRelation() {
        List<String> headers = List.of("<https://hub.example/>; rel=\"hub\", <https://example.vn/rss>; rel=self",
                "<https://a.example/>; title=\"x, y\"; rel=\"alternate hub\"", "<https://n.example/>; rel=next");
        assertEquals(List.of("https://hub.example/", "https://a.example/"), LinkHeaders.targets(headers, "hub"));
        assertEquals(List.of("https://example.vn/rss"), LinkHeaders.targets(headers, "self"));
        assertEquals(List.of(), LinkHeaders.targets(List.of("garbage", ""), "hub"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"null, null, false", "https://feeds.example/, null, true",
            "https://feeds.example/, false, false", "https://feeds.example/, true, true", "null, true, false",
            "'  ', null, false"})
    void subscribesByDefaultOnlyWithAPublicBaseUrl(String base, Boolean subscribe, boolean enabled) {
        SubscribeConfig defaults = ConfigDefaults.of(SubscribeConfig.class);
        SubscribeConfig config = new SubscribeConfig(subscribe, defaults.leaseRequest(), defaults.renewAt(),
                defaults.pollIntervalWhileSubscribed(), defaults.subscriptionVerifyTimeout(), defaults.subscriptionRetryDelay(),
                defaults.subscriptionMaxRetryDelay(), defaults.subscriptionMaxAttempts(), defaults.checkEvery());
        assertEquals(enabled, config.enabled(new PublicUrlConfig(base)));
    }

    @Test
    void retriesWaitLongerEachTimeUpToTheCap() {
        SubscribeConfig config = ConfigDefaults.of(SubscribeConfig.class);
        assertEquals(Duration.ofMinutes(5), config.retryWait(2));
        assertEquals(Duration.ofMinutes(10), config.retryWait(3));
        assertEquals(Duration.ofMinutes(20), config.retryWait(4));
        assertEquals(Duration.ofHours(6), config.retryWait(30));
        assertEquals("https://feeds.example", SubscribeConfig.baseUrl(new PublicUrlConfig("https://feeds.example/")));
    }
}
