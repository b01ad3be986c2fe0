package tributary.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;

/** Times every request for a published feed into tributary_publish_request_seconds, by status family. */
@ServerFilter({"/feeds/**", "/feeds", "/feeds.opml"})
class PublishTimingFilter {

    private static final String STARTED = "tributary.publish.started";

    private final MeterRegistry registry;

    PublishTimingFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @RequestFilter
    void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void stop(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Object started = request.getAttribute(STARTED).orElse(null);
        if (started instanceof Long nanos) {
            Timer.builder("tributary.publish.request").description("Time to answer a request for a published feed")
                    .tag("status", response.code() / 100 + "xx")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(20_000))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry).record(System.nanoTime() - nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
