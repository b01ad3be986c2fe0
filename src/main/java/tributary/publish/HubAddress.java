package tributary.publish;

import io.micronaut.core.annotation.Nullable;

/**
 * The WebSub hub that feed pages advertise (rel="hub", JSON Feed hubs, the Link header), given the base URL the page
 * is served under; null when no hub is offered. Implemented by the hub package, which sits below publish.
 */
public interface HubAddress {

    @Nullable
    String hubUrl(String base);
}
