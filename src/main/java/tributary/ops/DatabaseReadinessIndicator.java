package tributary.ops;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import tributary.common.Causes;
import tributary.store.CatalogRevisions;

/**
 * Not ready while the database cannot answer a query of our own tables. A connection check is not enough on Galera:
 * a node outside the primary component still answers pings, but refuses every query ("WSREP has not yet prepared
 * node for application use", error 1047), so an instance on it could neither poll nor serve uncached pages.
 */
@Singleton
@Readiness
class DatabaseReadinessIndicator implements HealthIndicator {

    private final CatalogRevisions revisions;

    DatabaseReadinessIndicator(CatalogRevisions revisions) {
        this.revisions = revisions;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        try {
            long revision = revisions.current().revision();
            return Publishers.just(HealthResult.builder("database", HealthStatus.UP)
                    .details(Map.of("catalogRevision", revision)).build());
        } catch (RuntimeException e) {
            return Publishers.just(HealthResult.builder("database", HealthStatus.DOWN)
                    .details(Map.of("error", Causes.rootMessage(e))).build());
        }
    }
}
