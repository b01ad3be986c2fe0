package tributary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.cluster.ClusterConfig;

/** tributary.cluster.*: its defaults, and the values that stop start-up with the setting's name. */
class ClusteringConfigTest {

    @Test
    void defaultsToA48HourWindow() {
        ClusteringConfig config = ConfigDefaults.of(ClusteringConfig.class);
        assertEquals(Duration.ofHours(48), config.window());
        assertEquals(16, config.maxCandidates());
        assertEquals(4096, config.featureCache());
        assertEquals(50000, config.indexItems());
    }

    @Test
    void judgesAsManyCandidatesAsTheEvaluationDoes() {
        // bench/clustering.sh (StoryClusterer) scores the candidates ingest would judge.
        assertEquals(ClusterConfig.DEFAULTS.maxCandidates(), ConfigDefaults.of(ClusteringConfig.class).maxCandidates());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1H"})
    void refusesAWindowThatIsNotPositive(String window) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new ClusteringConfig(true, 16, Duration.parse(window), 4096, 50000));
        assertTrue(e.getMessage().contains("tributary.cluster.window (TRIBUTARY_CLUSTER_WINDOW)"), e.getMessage());
        assertTrue(e.getMessage().contains("positive duration"), e.getMessage());
    }

    @Test
    void refusesNegativeCounts() {
        assertThrows(ConfigurationException.class, () -> new ClusteringConfig(true, -1, Duration.ofHours(1), 0, 1));
        assertThrows(ConfigurationException.class, () -> new ClusteringConfig(true, 0, Duration.ofHours(1), -1, 1));
        assertThrows(ConfigurationException.class, () -> new ClusteringConfig(true, 0, Duration.ofHours(1), 0, 0));
    }
}
