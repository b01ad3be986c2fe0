package tributary.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import tributary.normalize.ItemNormalizer;
import tributary.parse.FeedParseException;
import tributary.parse.FeedParser;
import tributary.parse.ParsedFeed;
import tributary.parse.ParsedItem;

/** MB/s of our parse + normalize path against a bare StAX pass over the same bytes, each for a fixed time. */
final class ParseComparison {

    /** Throughputs in MB/s (10^6 bytes), each run for the same wall time after its own warm-up. */
    record Result(int documentBytes, double oursMbPerSecond, long oursRuns, double staxMbPerSecond, long staxRuns) {
        double ratio() {
            return oursMbPerSecond / staxMbPerSecond;
        }
    }

    private final FeedParser parser;
    private final ItemNormalizer normalizer;
    private final XMLInputFactory stax = XMLInputFactory.newFactory();
    // Keeps results reachable so the JIT cannot drop the work being timed.
    private long sink;

    ParseComparison(FeedParser parser, ItemNormalizer normalizer) {
        this.parser = parser;
        this.normalizer = normalizer;
        // The same hardening our reader applies: no DTDs, no external entities.
        stax.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        stax.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    Result run(byte[] document, Duration warmUp, Duration measure) throws Exception {
        URI base = URI.create("https://site.example/feed.rss");
        Instant now = Instant.parse("2026-01-28T12:00:00Z");
        Pass ours = () -> {
            ParsedFeed feed = parser.parse(document, "application/rss+xml; charset=utf-8");
            for (ParsedItem item : feed.items()) {
                sink += normalizer.normalize(item, 1, base, feed.language(), now).contentHash().length();
            }
        };
        Pass bare = () -> sink += staxPass(document);
        timed(ours, warmUp);
        long[] oursRuns = timed(ours, measure);
        timed(bare, warmUp);
        long[] staxRuns = timed(bare, measure);
        return new Result(document.length, mbPerSecond(document.length, oursRuns), oursRuns[0],
                mbPerSecond(document.length, staxRuns), staxRuns[0]);
    }

    private static double mbPerSecond(int bytes, long[] runsAndNanos) {
        return runsAndNanos[0] * (double) bytes / 1e6 / (runsAndNanos[1] / 1e9);
    }

    /** Reads every event and touches every character of text, as a parser that keeps nothing must. */
    private long staxPass(byte[] document) throws XMLStreamException {
        XMLStreamReader reader = stax.createXMLStreamReader(new ByteArrayInputStream(document));
        long chars = 0;
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamReader.CHARACTERS) {
                chars += reader.getTextLength();
            }
        }
        reader.close();
        return chars;
    }

    /** Runs the pass until the budget is spent; answers {runs, elapsed nanoseconds}, the last run included. */
    private static long[] timed(Pass pass, Duration budget) throws Exception {
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        long runs = 0;
        long now = start;
        while (now < end) {
            pass.run();
            runs++;
            now = System.nanoTime();
        }
        return new long[] {runs, now - start};
    }

    long sink() {
        return sink;
    }

    /** One pass over the document. */
    private interface Pass {
        void run() throws FeedParseException, XMLStreamException;
    }
}
