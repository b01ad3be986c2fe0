package tributary.ops;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Makes SIGTERM a normal exit (status 0, not 143): the JVM's shutdown hooks still close the application context,
 * so polls get their grace and the pool is closed, and an orchestrator sees a clean stop, not a crash.
 */
@Context
@Requires(notEnv = Environment.TEST)
@Requires(property = "tributary.exit-zero-on-term", notEquals = "false")
class TermSignalExit {

    private static final Logger LOG = LoggerFactory.getLogger(TermSignalExit.class);

    TermSignalExit() {
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                LOG.info("SIGTERM: stopping (polls in flight get tributary.poll.shutdown-grace to finish)");
                System.exit(0);
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("Cannot handle SIGTERM here ({}); a stop will exit with status 143", e.getMessage());
        }
    }
}
