package tributary.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.config.ConfigDefaults;

/** The retry rule of failing article pages, with the defaults: 10 minutes, doubling, 3 fetches in all. */
class FullTextConfigTest {

    @ParameterizedTest(name = "after failure {0}: {1}")
    @CsvSource({"1, PT10M", "2, PT20M", "3, ", "4, "})
    void retriesADoublingDelayLaterUntilMaxAttempts(int attempts, Duration next) {
        assertEquals(next, ConfigDefaults.of(FullTextConfig.class).retryAfter(attempts));
    }
}
