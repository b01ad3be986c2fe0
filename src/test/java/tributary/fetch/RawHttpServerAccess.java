package tributary.fetch;

import java.io.IOException;

/** Lets poll tests start a raw loopback server that answers headers and then never sends the body. */
public final class RawHttpServerAccess implements AutoCloseable {

    private final RawHttpServer server;

    private RawHttpServerAccess(RawHttpServer server) {
        this.server = server;
    }

    public static RawHttpServerAccess hanging() {
        return new RawHttpServerAccess(new RawHttpServer((out, sent) -> {
            out.write(RawHttpServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss"));
            out.flush();
            Thread.sleep(60_000);
        }));
    }

    public String url(String path) {
        return server.url(path);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
