package tributary.normalize;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * How dates without a zone are read (tributary.normalize.*): defaultZone for any feed, vietnameseZone for .vn hosts
 * and feeds in Vietnamese, and hostZones ("example.com=Europe/Paris", subdomains included) for a site, which wins
 * over both.
 */
@ConfigurationProperties("tributary.normalize")
public record NormalizeConfig(
        @Bindable(defaultValue = "UTC") String defaultZone,
        @Bindable(defaultValue = "+07:00") String vietnameseZone,
        // vnexpress.net is Vietnamese without a .vn host; a list set in configuration replaces this one.
        @Bindable(defaultValue = "vnexpress.net=+07:00") List<String> hostZones) {
}
