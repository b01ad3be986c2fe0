package tributary.ops;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.management.health.indicator.HealthResult;
import tributary.admin.AdminToken;

/**
 * /health and its probes tell anonymous callers UP or DOWN only (the HTTP status follows, 200 or 503): the details
 * (database URL and version, feed errors, scheduler state) go only to callers with the admin bearer token.
 */
@ServerFilter(value = {"/health", "/health/**"}, patternStyle = FilterPatternStyle.ANT)
class HealthDetailsFilter {

    private final AdminToken token;

    HealthDetailsFilter(AdminToken token) {
        this.token = token;
    }

    @ResponseFilter
    @SuppressWarnings("unchecked")
    void hideDetails(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.body() instanceof HealthResult result && !token.presentedBy(request)) {
            ((MutableHttpResponse<Object>) response).body(HealthResult.builder(result.getName(), result.getStatus()).build());
        }
    }
}
