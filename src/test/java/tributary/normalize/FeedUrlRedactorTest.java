package tributary.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What of a feed URL may leave the service: everything but user-info and credential parameter values. */
class FeedUrlRedactorTest {

    @Nested
    class Urls {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "https://user:pass@example.vn/rss | https://example.vn/rss",
                "https://only-user@example.vn:8443/rss?x=1 | https://example.vn:8443/rss?x=1",
                "https://example.vn/rss?token=abc | https://example.vn/rss?token=REDACTED",
                "https://example.vn/rss?TOKEN=abc&page=2 | https://example.vn/rss?TOKEN=REDACTED&page=2",
                "https://example.vn/rss?page=2&key=abc#top | https://example.vn/rss?page=2&key=REDACTED#top",
                "https://example.vn/rss?apikey=1&api_key=2&apiKey=3 | https://example.vn/rss?apikey=REDACTED&api_key=REDACTED&apiKey=REDACTED",
                "https://example.vn/rss?x-api-key=1&auth_token=2&access_token=3 | https://example.vn/rss?x-api-key=REDACTED&auth_token=REDACTED&access_token=REDACTED",
                "https://example.vn/rss?client_secret=1&password=2&passwd=3&pwd=4 | https://example.vn/rss?client_secret=REDACTED&password=REDACTED&passwd=REDACTED&pwd=REDACTED",
                "https://example.vn/rss?auth=1&sig=2&signature=3&session=4 | https://example.vn/rss?auth=REDACTED&sig=REDACTED&signature=REDACTED&session=REDACTED",
                "https://example.vn/rss?X-Amz-Signature=1&X-Amz-Security-Token=2 | https://example.vn/rss?X-Amz-Signature=REDACTED&X-Amz-Security-Token=REDACTED",
                "https://example.vn/rss?api%5Fkey=1 | https://example.vn/rss?api%5Fkey=REDACTED",
                "https://u:p@example.vn/rss?sessionId=9&sort=new | https://example.vn/rss?sessionId=REDACTED&sort=new"})
        void secretsAreDroppedOrRedacted(String url, String redacted) {
            assertEquals(redacted, FeedUrlRedactor.redact(url));
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://example.vn/rss", "https://example.vn/rss?category=thoi-su&page=2",
                "https://example.vn/rss?author=an&keyword=ha-noi&monkey=1", "https://example.vn/rss?token=",
                "https://example.vn/a@b/rss", "not a url"})
        void urlsWithoutSecretsComeBackUnchanged(String url) {
            assertEquals(url, FeedUrlRedactor.redact(url));
        }

        @Test
        void nullStaysNull() {
            assertNull(FeedUrlRedactor.redact(null));
            assertNull(FeedUrlRedactor.redactIn((String) null));
        }
    }

    @Nested
    class FreeText {

        @Test
        void everyUrlInAMessageIsRedacted() {
            String message = "HTTP 404 from https://bob:hunter2@example.vn/rss?token=t0k3n (redirected from "
                    + "http://example.vn/old?key=k3y&x=1)";
            String redacted = FeedUrlRedactor.redactIn(message);
            assertEquals("HTTP 404 from https://example.vn/rss?token=REDACTED (redirected from "
                    + "http://example.vn/old?key=REDACTED&x=1)", redacted);
        }

        @Test
        void anExceptionIsLoggedWithoutTheSecretsOfItsMessagesAndCauses() {
            IOException cause = new IOException("connect to https://bob:hunter2@example.vn/rss failed");
            UncheckedIOException error = new UncheckedIOException("poll of https://example.vn/rss?token=t0k3n", cause);
            Throwable redacted = FeedUrlRedactor.redactIn(error);
            assertFalse(redacted.toString().contains("t0k3n"), redacted.toString());
            assertTrue(redacted.toString().startsWith("java.io.UncheckedIOException: poll of "), redacted.toString());
            assertFalse(redacted.getCause().toString().contains("hunter2"), redacted.getCause().toString());
            assertEquals(error.getStackTrace().length, redacted.getStackTrace().length);
        }
    }
}
