package tributary.ops;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;
import tributary.catalog.CatalogLoader;

/** Not ready until the migrations ran and feeds.yml was reconciled once; reports the file's last problem. */
@Singleton
@Readiness
class CatalogReadinessIndicator implements HealthIndicator {

    private final CatalogLoader loader;

    CatalogReadinessIndicator(CatalogLoader loader) {
        this.loader = loader;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        // The loader exists only after Flyway migrated the datasource it reads, so its reconcile implies migrations.
        boolean ready = loader.startupReconciled();
        details.put("feedsFileReconciled", ready);
        loader.lastProblem().ifPresent(problem -> details.put("feedsFileProblem", problem));
        if (!ready) {
            details.put("reason", "feeds.yml has not been reconciled yet: the service is still starting");
        }
        return Publishers.just(HealthResult.builder("catalog", ready ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
