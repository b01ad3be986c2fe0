package tributary.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs Python's feedparser (Debian's python3-feedparser) on a document: a real third-party reader of our output. */
public final class Feedparser {

    /** What feedparser made of a document: bozo is 1 when it found the document ill-formed. */
    public record Result(int bozo, int entries, String version, String problem) {
    }

    private static final String SCRIPT = """
            import sys, feedparser
            d = feedparser.parse(sys.stdin.buffer.read())
            print(int(bool(d.bozo)))
            print(len(d.entries))
            print(d.version)
            print(repr(d.get('bozo_exception', '')))
            """;

    private Feedparser() {
    }

    /** Parses the document; skips the calling test, with the reason, where feedparser is not installed. */
    public static Result parse(byte[] document) throws IOException, InterruptedException {
        Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import feedparser").redirectErrorStream(true).start();
        boolean present = check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        Assumptions.assumeTrue(present, "python3-feedparser is not installed (.ci/run installs it with apt-get)");
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(document);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("feedparser failed: " + out);
        }
        String[] lines = out.split("\n");
        return new Result(Integer.parseInt(lines[0].strip()), Integer.parseInt(lines[1].strip()), lines[2].strip(),
                lines.length > 3 ? lines[3] : "");
    }
}
