package tributary.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import tributary.extract.ArticleExtractor;
import tributary.extract.Extraction;

/** MB/s of ArticleExtractor.extract against a bare jsoup parse of the same pages, each for a fixed time. */
final class ExtractComparison {

    /** The fixture pages of src/test/resources/pages, the layouts the extraction tests check. */
    static final Path PAGES = Path.of("src/test/resources/pages");

    /** One page: its throughput both ways and what the extraction answered. */
    record Result(String page, int bytes, double oursMbPerSecond, long oursRuns, double jsoupMbPerSecond,
                  long jsoupRuns, String rule) {
        double ratio() {
            return oursMbPerSecond / jsoupMbPerSecond;
        }
    }

    private final ArticleExtractor extractor;
    // Keeps results reachable so the JIT cannot drop the work being timed.
    private long sink;

    ExtractComparison(ArticleExtractor extractor) {
        this.extractor = extractor;
    }

    /** Every fixture page, in name order, with the host its layout belongs to. */
    static List<Page> fixturePages() throws IOException {
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(PAGES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                String name = file.getFileName().toString();
                String host = switch (name) {
                    case "vnexpress.html" -> "vnexpress.net";
                    case "tuoitre.html" -> "tuoitre.vn";
                    case "thanhnien.html" -> "thanhnien.vn";
                    case "dantri.html" -> "dantri.com.vn";
                    case "phunuthudo.html" -> "phunuthudo.vn";
                    default -> "tin.example.vn";
                };
                pages.add(new Page(name, Files.readAllBytes(file), URI.create("https://" + host + "/bai-viet-1.html")));
            }
        }
        return pages;
    }

    /** A page's bytes and the URL it is extracted as. */
    record Page(String name, byte[] bytes, URI url) {
    }

    Result run(Page page, Duration warmUp, Duration measure) throws Exception {
        String[] rule = new String[1];
        TimedLoop.Pass ours = () -> {
            Extraction result = extractor.extract(page.bytes(), "text/html; charset=utf-8", page.url(), null,
                    List.of(), null);
            rule[0] = result.rule();
            sink += result.words();
        };
        TimedLoop.Pass bare = () -> sink += Jsoup.parse(new ByteArrayInputStream(page.bytes()), null,
                page.url().toString()).childNodeSize();
        TimedLoop.run(ours, warmUp);
        long[] oursRuns = TimedLoop.run(ours, measure);
        TimedLoop.run(bare, warmUp);
        long[] jsoupRuns = TimedLoop.run(bare, measure);
        int bytes = page.bytes().length;
        return new Result(page.name(), bytes, TimedLoop.mbPerSecond(bytes, oursRuns), oursRuns[0],
                TimedLoop.mbPerSecond(bytes, jsoupRuns), jsoupRuns[0], rule[0]);
    }

    static String markdown(String command, int seconds, List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """
                ## 7. Extraction: ArticleExtractor.extract vs a bare jsoup parse

                Command: `%s`; each path runs %d s of warm-up then %d s measured per page, on the same bytes, in one
                JVM (a plain timed loop, not JMH). Pages: the fixtures of `src/test/resources/pages` (full article pages
                in the layouts of real sites, with menus, related news, comments and scripts), extracted as their
                site's URL. Ours: decode, parse, rule or readability, chrome cleaning, lazy images, the feed sanitizer,
                the judge; bare: `Jsoup.parse` of the bytes.

                | page | bytes | rule | ours MB/s | bare jsoup MB/s | ratio |
                |---|---|---|---|---|---|
                """, command, seconds, seconds));
        double ours = 0;
        double bare = 0;
        long bytes = 0;
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f | %.2f |%n", r.page(), r.bytes(),
                    r.rule(), r.oursMbPerSecond(), r.jsoupMbPerSecond(), r.ratio()));
            bytes += r.bytes();
            // Seconds per byte add up across pages; the whole set's MB/s is the bytes over their summed times.
            ours += r.bytes() / r.oursMbPerSecond();
            bare += r.bytes() / r.jsoupMbPerSecond();
        }
        out.append(String.format(Locale.ROOT, "| all pages, one of each | %d | | %.1f | %.1f | %.2f |%n", bytes,
                bytes / ours, bytes / bare, bare / ours));
        return out.toString();
    }

    long sink() {
        return sink;
    }
}
