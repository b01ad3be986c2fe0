package tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.config.ConfigDefaults;
import tributary.config.UiConfig;

/** tributary.ui.language and .zone are checked at start-up, and a bad one says which setting and what it may be. */
class UiSettingsTest {

    @Test
    void defaultsToVietnameseInHoChiMinhCity() {
        UiSettings settings = new UiSettings(ConfigDefaults.of(UiConfig.class));
        assertEquals(UiLanguage.VI, settings.language());
        assertEquals(ZoneId.of("Asia/Ho_Chi_Minh"), settings.zone());
    }

    @ParameterizedTest
    @CsvSource({"EN, UTC, EN", "vi, Europe/Paris, VI"})
    void acceptsTheLanguagesWeSpeakAndAnyIanaZone(String language, String zone, UiLanguage expected) {
        UiSettings settings = new UiSettings(new UiConfig(language, zone));
        assertEquals(expected, settings.language());
        assertEquals(ZoneId.of(zone), settings.zone());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fr | Asia/Ho_Chi_Minh | tributary.ui.language (TRIBUTARY_UI_LANGUAGE) is 'fr': it must be one of vi, en.",
            "vi | Asia/Hanoi_City  | tributary.ui.zone (TRIBUTARY_UI_ZONE) is 'Asia/Hanoi_City': it must be an IANA"})
    void refusesABadValueNamingTheSettingAndWhatIsAllowed(String language, String zone, String message) {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> new UiSettings(new UiConfig(language, zone)));
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }

    /** A @Context bean is made when the service starts, so its check stops start-up rather than the first page. */
    @Test
    void isCheckedWhenTheServiceStarts() {
        assertTrue(UiSettings.class.isAnnotationPresent(Context.class));
    }
}
