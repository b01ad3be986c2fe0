package tributary.web;

import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import tributary.publish.RenderedFeed;

/**
 * The one stylesheet of the reader pages (classpath assets/site.css), read once at start: pages link it with its
 * content hash in the URL, so browsers may keep it for a year and still get a new one the moment it changes.
 */
@Singleton
class SiteStylesheet {

    static final String PATH = "/assets/site.css";
    private static final String RESOURCE = "classpath:assets/site.css";

    private final RenderedFeed css;
    private final String href;

    SiteStylesheet(ResourceResolver resources, Clock clock) {
        try (InputStream in = resources.getResourceAsStream(RESOURCE)
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " is missing from the jar"))) {
            css = RenderedFeed.of("text/css; charset=utf-8", in.readAllBytes(), clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
        // The ETag is a hash of the bytes: its first 12 hex digits name this version in the URL.
        href = PATH + "?v=" + css.etag().substring(1, 13);
    }

    /** The stylesheet's bytes, gzipped copy and validators. */
    RenderedFeed file() {
        return css;
    }

    /** The URL pages link it by, changing with its content. */
    String href() {
        return href;
    }
}
