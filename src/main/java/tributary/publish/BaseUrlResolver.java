package tributary.publish;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;

/** The absolute base URL (no trailing slash) that self links and subscription links start with. */
@Singleton
public class BaseUrlResolver {

    private final PublicUrlConfig config;
    private final HttpHostResolver hosts;

    BaseUrlResolver(PublicUrlConfig config, HttpHostResolver hosts) {
        this.config = config;
        this.hosts = hosts;
    }

    public String resolve(HttpRequest<?> request) {
        String base = config.publicBaseUrl() != null && !config.publicBaseUrl().isBlank()
                ? config.publicBaseUrl().strip() : hosts.resolve(request);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
