package tributary.config;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This instance's name in poll leases and logs: tributary.instance-id when set, else host-pid-random, which differs
 * at every start, so a restarted instance never mistakes its predecessor's leases for its own.
 */
@Singleton
public class InstanceIdentity {

    private final String id;

    public InstanceIdentity(@Nullable @Value("${tributary.instance-id:}") String configured) {
        if (configured != null && !configured.isBlank()) {
            id = fit(configured.strip());
        } else {
            byte[] random = new byte[3];
            new SecureRandom().nextBytes(random);
            id = fit(host() + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random));
        }
    }

    public String id() {
        return id;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "host";
        }
    }

    /** The lease_owner column holds 100 ASCII characters. */
    private static String fit(String value) {
        String ascii = value.replaceAll("[^\\x21-\\x7e]", "_");
        return ascii.length() <= 100 ? ascii : ascii.substring(ascii.length() - 100);
    }
}
