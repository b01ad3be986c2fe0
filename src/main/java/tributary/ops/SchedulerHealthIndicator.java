package tributary.ops;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import tributary.poll.PollConfig;
import tributary.poll.PollScheduler;

/** The scheduler's state for /health: last look for due feeds, polls in flight, lag, and DOWN while stopping. */
@Singleton
@Readiness
class SchedulerHealthIndicator implements HealthIndicator {

    private final PollScheduler scheduler;
    private final PollConfig config;
    private final FleetGauges fleet;

    SchedulerHealthIndicator(PollScheduler scheduler, PollConfig config, FleetGauges fleet) {
        this.scheduler = scheduler;
        this.config = config;
        this.fleet = fleet;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("enabled", config.schedulerEnabled());
        details.put("lastTick", String.valueOf(scheduler.lastTick()));
        details.put("pollsInFlight", scheduler.inFlightCount());
        details.put("lagSeconds", fleet.lagSeconds());
        details.put("feedsByState", fleet.feedsByState());
        HealthStatus status = HealthStatus.UP;
        if (scheduler.stopping()) {
            status = HealthStatus.DOWN;
            details.put("reason", "the service is stopping: no new polls are started");
        } else if (scheduler.tickFailures() > 0) {
            details.put("failedTicks", scheduler.tickFailures());
            details.put("lastTickError", scheduler.lastTickError());
        }
        return Publishers.just(HealthResult.builder("scheduler", status).details(details).build());
    }
}
