package tributary;

import io.micronaut.runtime.Micronaut;

/** Starts the Tributary service. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
