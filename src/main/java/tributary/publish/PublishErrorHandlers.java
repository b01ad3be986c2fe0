package tributary.publish;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A public page that can come neither from memory nor from the database answers 503 with Retry-After, not 500. */
@Factory
class PublishErrorHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(PublishErrorHandlers.class);

    @Singleton
    ExceptionHandler<PageUnavailableException, HttpResponse<?>> unavailable(PublishConfig config) {
        long retryAfter = Math.max(1, config.retryAfter().toSeconds());
        return (request, e) -> {
            LOG.debug("{} answered 503: {}", request.getPath(), e.getMessage(), e.getCause());
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                            "This page is not in memory and cannot be made now: " + e.getMessage()
                                    + ". Try again in " + retryAfter + " s.")
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
        };
    }
}
