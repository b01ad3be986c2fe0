package tributary.poll;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A loopback TCP relay in front of a test server that counts the bytes each way and the connections made. */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicLong toServer = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();

    CountingProxy(InetSocketAddress target) {
        try {
            socket = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket server = new Socket(target.getAddress(), target.getPort());
                    connections.incrementAndGet();
                    pump(client, server, toServer);
                    pump(server, client, toClient);
                } catch (IOException e) {
                    // Closed: the test is over.
                }
            }
        }, "counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    counter.addAndGet(n);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side hung up.
            } finally {
                try {
                    to.close();
                    from.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        }, "counting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    long bytesToServer() {
        return toServer.get();
    }

    long bytesToClient() {
        return toClient.get();
    }

    int connections() {
        return connections.get();
    }

    void reset() {
        toServer.set(0);
        toClient.set(0);
        connections.set(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
