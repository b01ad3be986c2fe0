package tributary.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A temporary feeds.yml for a service under test: written from a text, handed to the service as the properties a
 * {@code TestPropertyProvider} returns, rewritten by tests that edit the file, and restored to its first text.
 */
public final class FeedsYml {

    /** A file with no categories and no feeds, for tests that add feeds through the database or the API. */
    public static final String EMPTY = "categories: []\nfeeds: []\n";

    /** One category, thoi-su, holding the one feed at %s: the catalog of the tests that poll a single feed. */
    private static final String ONE_FEED = """
            categories:
              - slug: thoi-su
                title: Thời sự
            feeds:
              - url: %s
                categories: [thoi-su]
            """;

    private final Path path;
    private final String text;

    private FeedsYml(Path path, String text) {
        this.path = path;
        this.text = text;
    }

    /** Writes the text (UTF-8) to a new temporary file. */
    public static FeedsYml write(CharSequence text) {
        try {
            return at(Files.createTempFile("feeds", ".yml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a feeds.yml with one category, thoi-su, holding one feed at this URL. */
    public static String oneFeed(String url) {
        return ONE_FEED.formatted(url);
    }

    /** Writes the text to this path, for tests that keep the file next to a service's other data. */
    public static FeedsYml at(Path path, CharSequence text) {
        FeedsYml file = new FeedsYml(path, text.toString());
        file.restore();
        return file;
    }

    public Path path() {
        return path;
    }

    /** The text the file was first written with. */
    public String text() {
        return text;
    }

    /** tributary.feeds-file pointing here, then the given name and value pairs, for a TestPropertyProvider. */
    public Map<String, String> properties(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("properties come in name and value pairs");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tributary.feeds-file", path.toString());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }

    /** Replaces the file's content, as an operator editing feeds.yml would. */
    public void rewrite(String newText) {
        try {
            Files.writeString(path, newText, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the first text back, for a fresh catalog before each test. */
    public void restore() {
        rewrite(text);
    }
}
