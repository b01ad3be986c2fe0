package tributary.fetch;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.SocketFactory;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Refuses fetch targets on loopback, private, link-local, CGNAT, multicast and other internal addresses. It checks
 * three times: the URL (ambiguous address spellings always, loopback names and internal literals), the client's DNS
 * answers, and, through {@link GuardedSocketFactory}, the very address each socket connects to, whatever path led
 * there (IP literals OkHttp never hands to DNS, redirects, rebinding DNS, pooled retries).
 */
@Singleton
public class AddressGuard implements Dns {

    /** The system's name lookup, replaceable in tests that play DNS. */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Predicate<InetAddress> trusted;
    private final Resolver resolver;

    @Inject
    public AddressGuard(FetchConfig config) {
        this(config.allowPrivateAddresses(), address -> false);
    }

    /** trusted exempts chosen addresses from the check: tests use it to reach one loopback server, never production. */
    AddressGuard(boolean allowPrivate, Predicate<InetAddress> trusted) {
        this(allowPrivate, trusted, host -> Arrays.asList(InetAddress.getAllByName(host)));
    }

    AddressGuard(boolean allowPrivate, Predicate<InetAddress> trusted, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.trusted = trusted;
        this.resolver = resolver;
    }

    /** Why the URL written as text may not be fetched, judged without DNS; empty when it may. */
    public Optional<String> refusal(String text) {
        HttpUrl url = HttpUrl.parse(text.strip());
        if (url == null) {
            return Optional.of(HostSpelling.problem(text, null, null)
                    .orElse("only http and https URLs are fetched, not '" + text + "'"));
        }
        return refusal(text, null, url);
    }

    /**
     * Why a URL may not be fetched, judged without DNS: an ambiguous address spelling (refused even when private
     * addresses are allowed, since no feed needs one), a loopback name, or an internal address written into it.
     * text is the URL as written (a redirect's Location), base what it is read against (null for the first hop),
     * url what the client made of it.
     */
    public Optional<String> refusal(String text, HttpUrl base, HttpUrl url) {
        Optional<String> spelling = HostSpelling.problem(text, base, url);
        if (spelling.isPresent() || allowPrivate) {
            return spelling;
        }
        if (isLoopbackName(url.host())) {
            return Optional.of(url.host() + " is a loopback name" + hint());
        }
        InetAddress literal = literal(url.host());
        if (literal != null && refused(literal)) {
            return Optional.of(url.host() + " is the internal address " + literal.getHostAddress() + hint());
        }
        return Optional.empty();
    }

    /** Resolves once and refuses the host when any of its addresses is internal; the client connects to exactly these. */
    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        Optional<String> spelling = HostSpelling.problem(host);
        if (spelling.isPresent()) {
            throw new AddressRefusedException("the host '" + host + "' is written ambiguously ("
                    + spelling.get() + ")");
        }
        if (!allowPrivate && isLoopbackName(host)) {
            throw new AddressRefusedException(host + " is a loopback name" + hint());
        }
        InetAddress literal = literal(host);
        List<InetAddress> addresses = literal != null ? List.of(literal) : resolver.resolve(host);
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (refused(address)) {
                    throw new AddressRefusedException(host + " resolves to the internal address "
                            + address.getHostAddress() + hint());
                }
            }
        }
        return addresses;
    }

    /** The last word, at the socket: refuses to connect to an internal (or unresolved) address. */
    void checkConnect(SocketAddress endpoint) throws AddressRefusedException {
        if (allowPrivate) {
            return;
        }
        if (!(endpoint instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            throw new AddressRefusedException("a connection to the unresolved address " + endpoint
                    + ", which the guard cannot check");
        }
        InetAddress address = inet.getAddress();
        if (refused(address)) {
            throw new AddressRefusedException("a connection to the internal address " + address.getHostAddress()
                    + " (port " + inet.getPort() + ")" + hint());
        }
    }

    /** Sockets that pass every connect through {@link #checkConnect}; the HTTP client opens all of its sockets here. */
    public SocketFactory socketFactory() {
        return new GuardedSocketFactory(this);
    }

    /**
     * The one way to build an outbound HTTP client (feeds, article pages, WebSub verifications, deliveries and
     * subscriptions): this guard as its DNS, every socket checked at connect, no proxy (a proxy would resolve the host
     * out of the guard's sight), and no redirect followed by the client, since each hop must be judged as written.
     */
    public OkHttpClient.Builder clientBuilder() {
        return new OkHttpClient.Builder()
                .dns(this)
                .socketFactory(socketFactory())
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false);
    }

    private boolean refused(InetAddress address) {
        return isInternal(address) && !trusted.test(address);
    }

    private static String hint() {
        return "; set tributary.fetch.allow-private-addresses=true (TRIBUTARY_FETCH_ALLOW_PRIVATE_ADDRESSES) to allow it";
    }

    /** localhost and *.localhost (RFC 6761), with or without the final dot: resolvers answer loopback for them. */
    static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        h = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        return h.equals("localhost") || h.endsWith(".localhost");
    }

    /** The address a host names without DNS, written as an IPv6 literal or four plain decimal numbers; else null. */
    static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.contains(":") && !HostSpelling.isDottedQuad(h)) {
            return null;
        }
        try {
            // A literal is parsed, never looked up.
            return InetAddress.getByName(h.contains(":") ? "[" + h + "]" : h);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean isInternal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isInternalV4(b);
        }
        if (address instanceof Inet6Address) {
            return isInternalV6(b);
        }
        return true;
    }

    private static boolean isInternalV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return a0 == 0 || a0 == 10 || a0 == 127                      // this network, private, loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127)                // 100.64/10 carrier-grade NAT
                || (a0 == 169 && a1 == 254)                            // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31)                 // private
                || (a0 == 192 && a1 == 168)                            // private
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))      // IETF protocol assignments, TEST-NET-1
                || (a0 == 198 && (a1 == 18 || a1 == 19))               // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)                // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113)                 // TEST-NET-3
                || a0 >= 224;                                          // multicast, reserved, broadcast
    }

    private static boolean isInternalV6(byte[] b) {
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (allZero(b, 0, 10)) {
            // ::, ::1, ::a.b.c.d (IPv4-compatible) and ::ffff:a.b.c.d (IPv4-mapped) all reach IPv4 space.
            boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = b[10] == 0 && b[11] == 0;
            if (!mapped && !compatible) {
                return true;
            }
            return isInternalV4(Arrays.copyOfRange(b, 12, 16));
        }
        if (w0 == 0x0064 && w1 == 0xff9b) {
            // 64:ff9b::/96 NAT64 embeds the IPv4 target in the last 32 bits; 64:ff9b:1::/48 is local-use NAT64.
            return !allZero(b, 4, 12) || isInternalV4(Arrays.copyOfRange(b, 12, 16));
        }
        if (w0 == 0x2002) {
            return isInternalV4(Arrays.copyOfRange(b, 2, 6));        // 6to4 embeds an IPv4 address
        }
        return (b[0] & 0xfe) == 0xfc                                   // fc00::/7 unique local
                || (w0 & 0xffc0) == 0xfe80                             // fe80::/10 link-local
                || (w0 & 0xffc0) == 0xfec0                             // fec0::/10 old site-local
                || (b[0] & 0xff) == 0xff                               // multicast
                || (w0 == 0x2001 && w1 == 0x0000)                      // Teredo hides an IPv4 address
                || (w0 == 0x2001 && w1 == 0x0db8)                      // documentation
                || w0 == 0x0100 && allZero(b, 2, 8)                    // 100::/64 discard
                || b[0] == 0;                                          // rest of ::/8, as ::ffff:0:a.b.c.d (SIIT)
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The guard refused a host or an address: at the URL, in DNS answers, or at connect. */
    public static final class AddressRefusedException extends UnknownHostException {
        AddressRefusedException(String message) {
            super(message);
        }
    }
}
