package tributary.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import tributary.normalize.ItemNormalizer;
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
        TimedLoop.Pass ours = () -> {
            ParsedFeed feed = parser.parse(document, "application/rss+xml; charset=utf-8");
            for (ParsedItem item : feed.items()) {
                sink += normalizer.normalize(item, 1, base, feed.language(), now).contentHash().length();
            }
        };
        TimedLoop.Pass bare = () -> sink += staxPass(document);
        TimedLoop.run(ours, warmUp);
        long[] oursRuns = TimedLoop.run(ours, measure);
        TimedLoop.run(bare, warmUp);
        long[] staxRuns = TimedLoop.run(bare, measure);
        return new Result(document.length, TimedLoop.mbPerSecond(document.length, oursRuns), oursRuns[0],
                TimedLoop.mbPerSecond(document.length, staxRuns), staxRuns[0]);
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

    long sink() {
        return sink;
    }
}
