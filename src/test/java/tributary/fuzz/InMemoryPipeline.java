package tributary.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tributary.normalize.FeedZoneResolver;
import tributary.normalize.ItemNormalizer;
import tributary.normalize.NormalizeConfig;
import tributary.normalize.NormalizedItem;
import tributary.normalize.TextCleaner;
import tributary.normalize.UrlCanonicalizer;
import tributary.parse.FeedParseException;
import tributary.parse.FeedParser;
import tributary.parse.JsonFeedParser;
import tributary.parse.ParseConfig;
import tributary.parse.ParsedFeed;
import tributary.parse.ParsedItem;
import tributary.parse.RomeFeedParser;
import tributary.parse.XmlDocumentReader;
import tributary.publish.AtomRenderer;
import tributary.publish.FeedDocument;
import tributary.publish.JsonFeedRenderer;
import tributary.publish.RssRenderer;
import tributary.publish.Story;
import tributary.publish.StorySource;
import tributary.store.Columns;

/**
 * The document stages without a database: the real parser, normalizer and renderers with their default settings,
 * joined the way the poller and the story assembler join them (the first 1,000 items, one story per story hash,
 * column lengths as the store fits them). Checks every output and fails on anything but a FeedParseException.
 */
final class InMemoryPipeline {

    /**
     * The bound on one document, in CPU time of the thread that handles it, so a loaded machine does not fail it:
     * not a performance target, a guard against quadratic work. HANG is the wall-clock guard against a loop.
     */
    static final Duration BOUND = Duration.ofSeconds(10);
    static final Duration HANG = Duration.ofSeconds(60);

    /** tributary.fetch.max-items' default, applied by the poller before normalizing. */
    private static final int MAX_ITEMS = 1000;
    private static final URI BASE = URI.create("http://127.0.0.1:8080/feeds/source.rss");
    private static final Instant NOW = Instant.parse("2026-01-28T12:00:00Z");
    private static final Path FAILURES = Path.of("target/fuzz-failures");

    private final FeedParser parser;
    private final ItemNormalizer normalizer = new ItemNormalizer(new FeedZoneResolver(
            new NormalizeConfig("UTC", "+07:00", List.of())));
    private final RssRenderer rss = new RssRenderer();
    private final AtomRenderer atom = new AtomRenderer();
    private final JsonFeedRenderer json;

    /** What became of a document. */
    enum Outcome { REFUSED, PUBLISHED }

    InMemoryPipeline() {
        ObjectMapper mapper = ObjectMapper.getDefault();
        ParseConfig config = ParseConfig.defaults();
        parser = new FeedParser(new RomeFeedParser(new XmlDocumentReader(config)), new JsonFeedParser(config), config);
        json = new JsonFeedRenderer(mapper);
    }

    /** Runs a fuzz case; on failure its bytes are saved under target/fuzz-failures/ for a regression file. */
    Outcome check(FuzzDocument doc) {
        byte[] body = doc.bytes();
        try {
            return check(body, doc.contentType(), doc.toString());
        } catch (Throwable e) {
            save(doc.fileName(), body);
            throw e;
        }
    }

    Outcome check(byte[] body, String contentType, String what) {
        return assertTimeoutPreemptively(HANG, () -> {
            long started = CpuTime.ofThisThread();
            Outcome outcome = run(body, contentType, what);
            CpuTime.assertWithin(BOUND, started, what + " (" + body.length + " bytes)");
            return outcome;
        }, () -> what + " (" + body.length + " bytes) did not finish within " + HANG.toSeconds() + " s");
    }

    private Outcome run(byte[] body, String contentType, String what) {
        ParsedFeed parsed;
        try {
            parsed = parser.parse(body, contentType);
        } catch (FeedParseException refused) {
            return Outcome.REFUSED;
        }
        List<ParsedItem> taken = parsed.items().size() > MAX_ITEMS ? parsed.items().subList(0, MAX_ITEMS) : parsed.items();
        String feedTitle = Columns.fit(TextCleaner.plainLine(parsed.title()), 500);
        String siteUrl = Columns.fit(UrlCanonicalizer.resolve(parsed.siteUrl(), BASE), 2048);
        String language = Columns.fit(TextCleaner.plainLine(parsed.language()), 35);
        Map<String, Story> stories = new LinkedHashMap<>();
        for (ParsedItem item : taken) {
            NormalizedItem n = normalizer.normalize(item, 1, BASE, language, null, NOW);
            stories.putIfAbsent(n.storyHash(), new Story(n.storyHash(), n.guid(), n.url(), n.title(), n.summary(),
                    n.content(), n.author(), n.tags(), n.enclosureUrl(), n.enclosureType(), n.enclosureLength(),
                    // The store dates an undated item by when it was first seen.
                    n.published() != null ? n.published() : NOW, null, NOW, List.of(new StorySource(feedTitle, BASE.toString(), siteUrl, n.url(), NOW))));
        }
        String self = "http://127.0.0.1:8080/feeds/fuzz.";
        for (String format : List.of("rss", "atom", "json")) {
            FeedDocument page = new FeedDocument("urn:tributary:feed:fuzz", "Fuzz", null, "http://127.0.0.1:8080/",
                    self + format, NOW, 15, new ArrayList<>(stories.values()), null, null, language);
            String label = format.toUpperCase() + " rendering of " + what;
            switch (format) {
                case "rss" -> OutputChecks.wellFormedXml(rss.render(page), "rss", label);
                case "atom" -> OutputChecks.wellFormedXml(atom.render(page), "feed", label);
                default -> OutputChecks.validJsonFeed(json.render(page), label);
            }
        }
        return Outcome.PUBLISHED;
    }

    static void save(String name, byte[] body) {
        try {
            Files.createDirectories(FAILURES);
            Files.write(FAILURES.resolve(name), body);
        } catch (IOException e) {
            // The failure itself is what matters; a lost copy of its bytes is not worth hiding it.
        }
    }
}
