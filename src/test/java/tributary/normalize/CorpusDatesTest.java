package tributary.normalize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dates case of ../shared/corpus (feedvalidator's everything.xml): each item's description says which instant its
 * pubDate names; DateParser must agree on every one that names a single instant.
 */
class CorpusDatesTest {

    private static final Path EVERYTHING = Path.of("../shared/corpus/dates/feedvalidator/everything.xml");
    private static final Pattern ITEM = Pattern.compile("<item>(.*?)</item>", Pattern.DOTALL);
    private static final Pattern EXPECTED = Pattern.compile(
            "should be (\\w+), (\\d+)\\w\\w (\\d{4}), (\\d\\d:\\d\\d:\\d\\d) GMT\\.");
    private static final Pattern PUB_DATE = Pattern.compile("<pubDate>(.*?)</pubDate>", Pattern.DOTALL);

    @Test
    void readsEveryDateTheCaseSpellsOut() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(EVERYTHING), "Skipped: the shared corpus is not at "
                + EVERYTHING.toAbsolutePath());
        String xml = Files.readString(EVERYTHING, StandardCharsets.UTF_8);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        Matcher item = ITEM.matcher(xml);
        while (item.find()) {
            Matcher expected = EXPECTED.matcher(item.group(1));
            Matcher pubDate = PUB_DATE.matcher(item.group(1));
            if (!expected.find() || !pubDate.find()) {
                continue;
            }
            Instant want = LocalDateTime.parse(expected.group(1) + " " + expected.group(2) + " " + expected.group(3) + " "
                            + expected.group(4), DateTimeFormatter.ofPattern("MMMM d yyyy HH:mm:ss", Locale.ENGLISH))
                    .toInstant(ZoneOffset.UTC);
            Instant got = DateParser.parse(pubDate.group(1), ZoneOffset.UTC);
            checked++;
            if (!want.equals(got)) {
                wrong.add("'" + pubDate.group(1) + "' → " + got + ", want " + want);
            }
        }
        assertTrue(checked >= 25, "only " + checked + " dated items found");
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + checked + " wrong: " + String.join("; ", wrong));
    }
}
