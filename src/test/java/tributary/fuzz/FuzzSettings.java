package tributary.fuzz;

import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Seed and tries of every fuzz property, from system properties so one command line decides a run:
 * tributary.fuzz.seed (default 20261203, the fixed seed CI runs) and tributary.fuzz.tries, the tries of a property
 * that runs REFERENCE_TRIES in CI; a property with fewer CI tries (the poll fuzz) gets the same share of them.
 */
public class FuzzSettings implements AroundPropertyHook {

    static final String DEFAULT_SEED = "20261203";
    static final int REFERENCE_TRIES = 200;

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyAttributes attributes = context.attributes();
        String seed = System.getProperty("tributary.fuzz.seed", "").strip();
        attributes.setSeed(seed.isEmpty() ? DEFAULT_SEED : seed);
        attributes.setWhenFixedSeed(FixedSeedMode.ALLOW);
        String tries = System.getProperty("tributary.fuzz.tries", "").strip();
        if (!tries.isEmpty()) {
            int ciTries = attributes.tries().orElse(REFERENCE_TRIES);
            attributes.setTries(Math.max(1, (int) ((long) Integer.parseInt(tries) * ciTries / REFERENCE_TRIES)));
        }
        return property.execute();
    }
}
