package tributary.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core, the accessibility checker, run in the page a browser test has open: its script comes from npm (pinned,
 * installed into target/ at the first use, as .ci/run does), and a test that cannot get it is skipped, saying why.
 */
public final class AxeCore {

    /** Pinned, so a new axe release cannot turn the build red on its own; .ci/run installs the same. */
    public static final String PACKAGE = "axe-core@4.14.1";
    private static final Path DIR = Path.of("target/axe-core");
    private static final Path SCRIPT = DIR.resolve("node_modules/axe-core/axe.min.js");

    /** One violation: its rule, impact, how many nodes, the rule's help and the first node's selector. */
    public record Violation(String id, String impact, int nodes, String help, String target) {

        public boolean serious() {
            return impact.equals("serious") || impact.equals("critical");
        }

        @Override
        public String toString() {
            return id + " (" + impact + ", " + nodes + " nodes, e.g. " + target + "): " + help;
        }
    }

    private AxeCore() {
    }

    /** Runs axe-core on the page the browser has open; every violation, whatever its impact. */
    public static List<Violation> violations(JavascriptExecutor browser) throws IOException, InterruptedException {
        browser.executeScript(source());
        String result = (String) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length, v.help,
                        v.nodes[0].target.join(' ')].join('\\u001f')).join('\\u001e')))
                   .catch(e => done('failed: ' + e));""");
        if (result.startsWith("failed: ")) {
            throw new IllegalStateException("axe-core " + result);
        }
        List<Violation> out = new ArrayList<>();
        for (String row : result.isEmpty() ? new String[0] : result.split("\u001e")) {
            String[] f = row.split("\u001f", -1);
            out.add(new Violation(f[0], f[1], Integer.parseInt(f[2]), f[3], f[4]));
        }
        return out;
    }

    private static String source() throws IOException, InterruptedException {
        if (!Files.isRegularFile(SCRIPT)) {
            Files.createDirectories(DIR);
            try {
                Process npm = new ProcessBuilder("npm", "install", "--prefix", DIR.toString(), "--no-audit",
                        "--no-fund", "--no-save", PACKAGE).redirectErrorStream(true)
                        .redirectOutput(DIR.resolve("npm.log").toFile()).start();
                if (!npm.waitFor(180, TimeUnit.SECONDS)) {
                    npm.destroyForcibly();
                }
            } catch (IOException e) {
                Assumptions.abort("axe-core is not installed and npm could not be run (" + e.getMessage()
                        + "): .ci/run installs npm and " + PACKAGE);
            }
        }
        Assumptions.assumeTrue(Files.isRegularFile(SCRIPT), "axe-core could not be fetched from npm (see "
                + DIR.resolve("npm.log") + "); the accessibility check did not run");
        return Files.readString(SCRIPT, StandardCharsets.UTF_8);
    }
}
