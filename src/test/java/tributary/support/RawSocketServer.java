package tributary.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server that writes its HTTP answer by hand, for what {@link FixtureFeedServer} (the JDK server) cannot
 * send: endless or chunked-forever bodies, a byte at a time, a body that never comes, HTTP/1.0 with a hang-up after
 * each answer. It counts requests and the body bytes it managed to send.
 */
public final class RawSocketServer implements AutoCloseable {

    /** Writes the whole answer, status line included; returns when the client hangs up or the answer ends. */
    public interface Script {
        void answer(OutputStream out, AtomicLong sent) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public RawSocketServer(Script script) {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    heads.add(readRequest(client.getInputStream()));
                    requests.incrementAndGet();
                    script.answer(client.getOutputStream(), sent);
                } catch (IOException | InterruptedException e) {
                    // The client hung up on us, which is what these tests want to see.
                }
            }
        }, "raw-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers the status line and headers, then never sends the body it promised. */
    public static RawSocketServer hanging() {
        return new RawSocketServer((out, sent) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss"));
            out.flush();
            Thread.sleep(60_000);
        });
    }

    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    public int requests() {
        return requests.get();
    }

    /** The request lines and headers of every request so far, in order. */
    public List<String> requestHeads() {
        return heads;
    }

    public long bodyBytesSent() {
        return sent.get();
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
