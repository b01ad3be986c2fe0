package tributary.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A document the fuzz starts from: a test fixture, a corpus file or a saved regression; prints as its name only. */
record FuzzSource(String name, byte[] bytes) {

    /** ../shared/corpus next to the project folder, as the other corpus tests find it. */
    static final Path CORPUS = Path.of("../shared/corpus").toAbsolutePath().normalize();

    /** The HTTP Content-Type a server would send for it, from its extension. */
    String contentType() {
        return contentTypeOf(name);
    }

    static String contentTypeOf(String name) {
        String lower = name.toLowerCase();
        if (lower.endsWith(".json")) {
            return "application/feed+json";
        }
        if (lower.endsWith(".atom")) {
            return "application/atom+xml";
        }
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return "text/html";
        }
        // No charset: the XML prolog and the bytes decide, which is where encoding bugs live.
        return lower.endsWith(".rss") || lower.endsWith(".xml") || lower.endsWith(".rdf") ? "application/rss+xml"
                : "application/octet-stream";
    }

    @Override
    public String toString() {
        return name;
    }

    /** The feeds of src/test/resources/feeds/: always present. */
    static List<FuzzSource> fixtures() {
        return folder(classpathFolder("/feeds"), "feeds/");
    }

    /** Every file in a folder of ../shared/corpus; empty when the corpus is absent. */
    static List<FuzzSource> corpus() {
        if (!Files.isDirectory(CORPUS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            // Top-level files are the README and MANIFEST, not feeds.
            return walk.filter(Files::isRegularFile).filter(p -> p.getParent() != null && !p.getParent().equals(CORPUS))
                    .sorted().map(p -> read(p, "corpus/" + CORPUS.relativize(p).toString().replace('\\', '/')))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean corpusPresent() {
        return Files.isDirectory(CORPUS);
    }

    static List<FuzzSource> folder(Path folder, String prefix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(p -> read(p, prefix + p.getFileName())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path classpathFolder(String resource) {
        URL url = FuzzSource.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FuzzSource read(Path file, String name) {
        try {
            return new FuzzSource(name, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
