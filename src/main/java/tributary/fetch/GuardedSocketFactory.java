package tributary.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Makes sockets that ask the address guard before every connect, so the address a connection really goes to is
 * checked however it was reached: an IP literal OkHttp parses without DNS, a redirect hop, a DNS answer that changed,
 * a retry on a fresh connection. TLS is layered on these sockets, so HTTPS is checked too.
 */
final class GuardedSocketFactory extends SocketFactory {

    private final AddressGuard guard;

    GuardedSocketFactory(AddressGuard guard) {
        this.guard = guard;
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket(guard);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
    }

    // The connecting constructors of Socket would connect before our guard field is set: bind and connect by hand.
    private Socket connected(SocketAddress local, SocketAddress remote) throws IOException {
        Socket socket = new GuardedSocket(guard);
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** A plain socket whose connect first passes the guard; Socket.connect(address) lands here too. */
    private static final class GuardedSocket extends Socket {

        private final AddressGuard guard;

        GuardedSocket(AddressGuard guard) {
            this.guard = guard;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            guard.checkConnect(endpoint);
            super.connect(endpoint, timeout);
        }
    }
}
