package tributary.hub;

import jakarta.inject.Singleton;
import tributary.publish.HubAddress;

/** Where our hub answers, {base}/websub, for the pages that advertise it; nothing while the hub is switched off. */
@Singleton
class HubLinks implements HubAddress {

    static final String PATH = "/websub";

    private final HubConfig config;

    HubLinks(HubConfig config) {
        this.config = config;
    }

    @Override
    public String hubUrl(String base) {
        return config.hubEnabled() ? base + PATH : null;
    }
}
