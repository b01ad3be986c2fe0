package tributary.fetch;

import jakarta.inject.Singleton;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/** Refuses fetch targets on loopback, private, link-local and other internal addresses unless configured to allow them. */
@Singleton
public class AddressGuard {

    private final FetchConfig config;

    public AddressGuard(FetchConfig config) {
        this.config = config;
    }

    /** Why the URL may not be fetched, or empty when it may. */
    public Optional<String> refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http and https URLs are fetched, not '" + url.getScheme() + "'");
        }
        if (url.getHost() == null) {
            return Optional.of("the URL has no host");
        }
        if (config.allowPrivateAddresses()) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (isInternal(address)) {
                    return Optional.of(url.getHost() + " resolves to the internal address " + address.getHostAddress()
                            + "; set TRIBUTARY_FETCH_ALLOW_PRIVATE_ADDRESSES=true to allow it");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + url.getHost());
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local addresses
            return (b[0] & 0xfe) == 0xfc;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15 benchmarking, 240.0.0.0/4 reserved
        return (first == 100 && second >= 64 && second <= 127) || first == 0
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19)) || first >= 240;
    }
}
