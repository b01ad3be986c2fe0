package tributary.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** The bearer token of /admin/** (tributary.admin-token, from TRIBUTARY_ADMIN_TOKEN); unset, admin routes are closed. */
@ConfigurationProperties("tributary")
public record AdminConfig(@Nullable String adminToken) {
}
