package tributary.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How the HTML pages speak (tributary.ui.*): the language when a browser's Accept-Language names neither vi nor en,
 * and the zone dates are shown in (an IANA name; the readers and admins are in Vietnam first).
 */
@ConfigurationProperties("tributary.ui")
public record UiConfig(
        @Bindable(defaultValue = "vi") String language,
        @Bindable(defaultValue = "Asia/Ho_Chi_Minh") String zone) {
}
