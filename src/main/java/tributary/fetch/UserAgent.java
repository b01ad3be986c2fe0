package tributary.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Builds the User-Agent "Tributary/&lt;version&gt; (+&lt;project url&gt;)" from the version Maven wrote at build time. */
public final class UserAgent {

    private UserAgent() {
    }

    public static String of(FetchConfig config) {
        if (config.userAgent() != null && !config.userAgent().isBlank()) {
            return config.userAgent();
        }
        return "Tributary/" + version() + " (+" + config.projectUrl() + ")";
    }

    static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/tributary/version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                // An unfiltered copy (an IDE run without Maven) still says "${project.version}".
                if (!version.isBlank() && !version.startsWith("$")) {
                    return version;
                }
            }
        } catch (IOException ignored) {
            // Fall through to "dev": the User-Agent must never stop a fetch.
        }
        return "dev";
    }
}
