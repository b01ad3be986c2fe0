package tributary.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The fixture pages under src/test/resources/pages/. */
final class Pages {

    private Pages() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Pages.class.getResourceAsStream("/pages/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture page " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
