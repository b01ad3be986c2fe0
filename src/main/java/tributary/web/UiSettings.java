package tributary.web;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.stream.Collectors;
import tributary.config.UiConfig;

/**
 * tributary.ui.* checked when the service starts (a @Context bean), so a typo stops start-up with the setting's name
 * and what it may be, instead of a wrong page at the first visit.
 */
@Context
class UiSettings {

    private final UiLanguage language;
    private final ZoneId zone;

    UiSettings(UiConfig config) {
        String tag = config.language() == null ? "" : config.language();
        this.language = UiLanguage.ofTag(tag).orElseThrow(() -> new ConfigurationException(
                "tributary.ui.language (TRIBUTARY_UI_LANGUAGE) is '" + tag + "': it must be one of "
                        + Arrays.stream(UiLanguage.values()).map(UiLanguage::tag).collect(Collectors.joining(", "))
                        + "."));
        String zoneName = config.zone() == null ? "" : config.zone().strip();
        try {
            this.zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new ConfigurationException("tributary.ui.zone (TRIBUTARY_UI_ZONE) is '" + zoneName + "': it must be "
                    + "an IANA time zone such as Asia/Ho_Chi_Minh or Europe/Paris, or UTC.");
        }
    }

    /** The language of a visitor whose Accept-Language names none we speak. */
    UiLanguage language() {
        return language;
    }

    /** The zone dates are shown in. */
    ZoneId zone() {
        return zone;
    }
}
