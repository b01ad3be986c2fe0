package tributary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.bind.annotation.Bindable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.admin.AdminConfig;
import tributary.catalog.CatalogConfig;
import tributary.fetch.FetchConfig;
import tributary.fulltext.FullTextConfig;
import tributary.hub.HubConfig;
import tributary.normalize.NormalizeConfig;
import tributary.parse.ParseConfig;
import tributary.poll.PollConfig;
import tributary.publish.PublicUrlConfig;
import tributary.publish.PublishConfig;
import tributary.push.SubscribeConfig;
import tributary.store.EmbeddedDbConfig;

/** Each configuration record's defaults, written once on the record: DESIGN.md's values, and none in application.yml. */
class ConfigDefaultsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {AdminConfig.class, CatalogConfig.class, EmbeddedDbConfig.class, FetchConfig.class,
            NormalizeConfig.class, ParseConfig.class, PollConfig.class, PublicUrlConfig.class, PublishConfig.class,
            RetentionConfig.class, FullTextConfig.class, SubscribeConfig.class, HubConfig.class})
    @SuppressWarnings("unchecked")
    void everyRecordBuildsFromItsOwnDefaults(Class<?> type) {
        assertEquals(type, ConfigDefaults.of((Class<? extends Record>) type).getClass());
    }

    /** Two records bound to one prefix (the WebSub hub's and our subscriptions') must not read the same key. */
    @Test
    void recordsSharingAPrefixShareNoKey() {
        java.util.Map<String, String> owners = new java.util.HashMap<>();
        for (Class<?> type : List.of(AdminConfig.class, CatalogConfig.class, EmbeddedDbConfig.class, FetchConfig.class,
                NormalizeConfig.class, ParseConfig.class, PollConfig.class, PublicUrlConfig.class, PublishConfig.class,
                RetentionConfig.class, FullTextConfig.class, SubscribeConfig.class, HubConfig.class)) {
            String prefix = type.getAnnotation(io.micronaut.context.annotation.ConfigurationProperties.class).value();
            for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
                String previous = owners.put(prefix + "." + c.getName(), type.getSimpleName());
                assertNull(previous, prefix + "." + c.getName() + " is read by both " + previous + " and "
                        + type.getSimpleName());
            }
        }
    }

    @Test
    void theDefaultsDesignMdNames() {
        assertEquals("./data/mariadb", ConfigDefaults.of(EmbeddedDbConfig.class).dataDir());
        assertEquals("./feeds.yml", ConfigDefaults.of(CatalogConfig.class).feedsFile());
        assertNull(ConfigDefaults.of(AdminConfig.class).adminToken(), "admin writes refused until set");
        assertNull(ConfigDefaults.of(PublicUrlConfig.class).publicBaseUrl(), "derived from the request");
        assertEquals(Duration.ofMinutes(15), ConfigDefaults.of(PollConfig.class).defaultInterval());
        assertFalse(ConfigDefaults.of(FetchConfig.class).allowPrivateAddresses());
    }

    @Test
    void convertsAsMicronautDoes() {
        PollConfig poll = ConfigDefaults.of(PollConfig.class);
        assertEquals(Duration.ofHours(24), poll.maxBackoff());
        assertEquals(0.1, poll.jitter());
        assertTrue(poll.schedulerEnabled());
        assertEquals(List.of("vnexpress.net=+07:00"), ConfigDefaults.of(NormalizeConfig.class).hostZones());
        assertNull(ConfigDefaults.of(FetchConfig.class).userAgent());
    }

    @Test
    void readsTheDefaultOfAPlaceholder() {
        assertEquals(new ParseConfig(10 * 1024 * 1024, 200, 1000, 200_000, 100, Duration.ofSeconds(20)),
                ParseConfig.defaults());
    }

    @Test
    void refusesAComponentWithoutDefaultThatMayNotBeNull() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ConfigDefaults.of(NoDefault.class));
        assertEquals("NoDefault.name declares no default and may not be null", e.getMessage());
    }

    @Test
    void applicationYmlRepeatsNoDefault() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            String yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(yml.lines().anyMatch(line -> line.startsWith("tributary:")), yml);
        }
    }

    record NoDefault(@Bindable(defaultValue = "1") int count, String name) {
    }
}
