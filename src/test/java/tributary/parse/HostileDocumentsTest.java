package tributary.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documents built to exhaust the parser: each is read within the ParseConfig limits (items, nodes, namespaces, time)
 * or refused with a message naming the limit, and every repair runs in linear time without recursion. The timeouts
 * are hang guards, not performance figures.
 */
class HostileDocumentsTest {

    static final Duration HANG_GUARD = Duration.ofSeconds(20);

    static FeedParser parser(ParseConfig config) {
        return new FeedParser(new RomeFeedParser(new XmlDocumentReader(config)), new JsonFeedParser(config), config);
    }

    static ParsedFeed parse(ParseConfig config, String document) throws FeedParseException {
        return parser(config).parse(document.getBytes(StandardCharsets.UTF_8), null);
    }

    static FeedParseException refused(ParseConfig config, String document) {
        return assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(FeedParseException.class, () -> parse(config, document)));
    }

    /** A JSON Feed of count empty items: about 3 bytes each, so 10 MiB holds millions. */
    static String jsonOfEmptyItems(int count) {
        StringBuilder json = new StringBuilder(count * 3 + 200)
                .append("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Bomb\",\"items\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "{}" : ",{}");
        }
        return json.append("]}").toString();
    }

    static String rss(String items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>https://example.org/</link>"
                + "<description>D</description>" + items + "</channel></rss>";
    }

    @Nested
    class ManyItems {

        @Test
        void aJsonFeedOfMillionsOfEmptyItemsYieldsMaxItemsAndCountsTheRest() {
            String bomb = jsonOfEmptyItems(3_400_000);
            assertTrue(bomb.length() < 10 * 1024 * 1024);

            ParsedFeed feed = assertTimeoutPreemptively(HANG_GUARD, () -> parse(ParseConfig.defaults(), bomb));

            assertEquals(1000, feed.items().size());
            assertEquals(3_400_000, feed.itemsInDocument());
            assertEquals("Bomb", feed.title());
        }

        @Test
        void jsonItemsPastTheLimitAreSkippedWhateverTheyHold() throws FeedParseException {
            String json = "{\"items\":[{\"id\":\"1\",\"title\":\"kept\"},{\"id\":\"2\",\"x\":[[[{\"a\":[1,2,{}]}]]]},"
                    + "{\"id\":\"3\"}],\"version\":\"1.1\",\"title\":\"Late version\"}";

            ParsedFeed feed = parse(ParseConfig.defaults().withMaxItems(1), json);

            assertEquals(1, feed.items().size());
            assertEquals("kept", feed.items().get(0).title());
            assertEquals(3, feed.itemsInDocument());
            assertEquals("Late version", feed.title(), "fields after the items are still read");
        }

        @Test
        void anRssFeedOfAMillionItemsIsPrunedBeforeTheTreeHoldsThem() {
            String bomb = rss("<item><title>first</title></item>" + "<item/>".repeat(1_000_000));

            ParsedFeed feed = assertTimeoutPreemptively(HANG_GUARD, () -> parse(ParseConfig.defaults(), bomb));

            assertEquals(1000, feed.items().size());
            assertEquals(1_000_001, feed.itemsInDocument());
            assertEquals("first", feed.items().get(0).title());
        }

        @Test
        void anAtomFeedOfAMillionEntriesIsPrunedToo() {
            String bomb = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><id>urn:a</id>"
                    + "<updated>2026-01-28T12:00:00Z</updated>" + "<entry/>".repeat(1_000_000) + "</feed>";

            ParsedFeed feed = assertTimeoutPreemptively(HANG_GUARD,
                    () -> parse(ParseConfig.defaults().withMaxItems(5), bomb));

            assertEquals(5, feed.items().size());
            assertEquals(1_000_000, feed.itemsInDocument());
        }

        @Test
        void prunedItemsTakeTheirCommentsCdataAndNamespacesWithThem() throws FeedParseException {
            String items = "<item><title>one</title></item>"
                    + "<item xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><!-- gone --><title><![CDATA[two]]></title>"
                    + "<dc:creator>x</dc:creator></item>";

            ParsedFeed feed = parse(ParseConfig.defaults().withMaxItems(1), rss(items + "<item><title>three</title></item>"));

            assertEquals(1, feed.items().size());
            assertEquals("one", feed.items().get(0).title());
            assertEquals(3, feed.itemsInDocument());
        }
    }

    @Nested
    class NodesAndNamespaces {

        @Test
        void anItemOfMoreNodesThanTheCapIsRefusedSayingWhichLimit() {
            FeedParseException e = refused(ParseConfig.defaults(),
                    rss("<item><description>" + "<x/>".repeat(250_000) + "</description></item>"));

            assertTrue(e.getMessage().contains("more than 200000 XML nodes")
                    && e.getMessage().contains("tributary.parse.max-nodes"), e.getMessage());
        }

        @Test
        void aBrokenDocumentOfMoreNodesThanTheCapIsRefusedByTheRepairToo() {
            // The undeclared prefix makes it not well-formed, so the lenient rebuild is what meets the nodes.
            FeedParseException e = refused(ParseConfig.defaults(),
                    rss("<item><description>" + "<p:x/>".repeat(250_000) + "</description></item>"));

            assertTrue(e.getMessage().contains("tributary.parse.max-nodes"), e.getMessage());
        }

        @Test
        void moreDistinctNamespaceDeclarationsThanTheCapAreRefused() {
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < 101; i++) {
                items.append("<item xmlns:p").append(i).append("=\"urn:x:").append(i).append("\"><title>t</title></item>");
            }

            FeedParseException e = refused(ParseConfig.defaults(), rss(items.toString()));

            assertTrue(e.getMessage().contains("more than 100 distinct namespaces")
                    && e.getMessage().contains("tributary.parse.max-namespaces"), e.getMessage());
        }

        @Test
        void theSameNamespaceDeclaredOnEveryItemCountsOnce() throws FeedParseException {
            String item = "<item xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>a</dc:creator></item>";

            assertEquals(500, parse(ParseConfig.defaults(), rss(item.repeat(500))).items().size());
        }

        @Test
        void manyUndeclaredPrefixesAreRefusedByTheRepair() {
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < 150; i++) {
                items.append("<p").append(i).append(":x/>");
            }

            FeedParseException e = refused(ParseConfig.defaults(), rss("<item>" + items + "</item>"));

            assertTrue(e.getMessage().contains("tributary.parse.max-namespaces"), e.getMessage());
        }
    }

    @Nested
    class LinearRepairs {

        @Test
        void twentyThousandUnclosedDoctypesAreRefusedQuickly() {
            FeedParseException e = refused(ParseConfig.defaults(), "<!DOCTYPE a [".repeat(20_000) + rss(""));

            assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        }

        @Test
        void aHundredThousandNewlinesBeforeADoctypeDoNotOverflowTheStack() {
            String document = "<?xml version=\"1.0\"?>" + "\n".repeat(100_000)
                    + "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\""
                    + " \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">"
                    + "<rss version=\"0.91\"><channel><title>Old</title><link>https://example.org/</link>"
                    + "<description>D</description><item><title>kept</title><link>https://example.org/1</link></item>"
                    + "</channel></rss>";

            // A thread of the default 1 MiB stack, as the poll workers have.
            ParsedFeed feed = assertTimeoutPreemptively(HANG_GUARD, () -> parse(ParseConfig.defaults(), document));

            assertEquals("kept", feed.items().get(0).title());
        }

        @Test
        void aPrefixUsedManyTimesWithoutDeclarationIsRepairedOnce() {
            // Not well-formed (an undeclared prefix), so the rebuild looks for the prefix's declaration: once, not per
            // use (the linear search itself is the next test's).
            String document = rss("<item><title>ns</title><description>" + "<p:a/>".repeat(20_000)
                    + "</description></item>");

            ParsedFeed feed = assertTimeoutPreemptively(HANG_GUARD, () -> parse(ParseConfig.defaults(), document));

            assertEquals("ns", feed.items().get(0).title());
        }

        @Test
        void findingUndeclaredPrefixesIsLinearInTheUses() {
            String uses = "<rss xmlns:dc=\"urn:dc\"><dc:a/>" + "<p:a/>".repeat(1_000_000) + "<q:b/></rss>";

            Set<String> found = assertTimeoutPreemptively(HANG_GUARD, () -> LenientXmlRebuilder.undeclaredPrefixes(uses));

            assertEquals(Set.of("p", "q"), found);
        }

        static Stream<Arguments> doctypes() {
            return Stream.of(
                    Arguments.of("plain", "<?xml version='1.0'?><!DOCTYPE rss><rss/>", "<?xml version='1.0'?><rss/>"),
                    Arguments.of("public identifiers", "<!DOCTYPE rss PUBLIC 'a' 'b'>\n<rss/>", "\n<rss/>"),
                    Arguments.of("internal subset", "<!DOCTYPE rss [<!ENTITY a 'b'>]><rss/>", "<rss/>"),
                    Arguments.of("space before '>'", "<!DOCTYPE rss [<!ENTITY a 'b'>] \n ><rss/>", "<rss/>"),
                    Arguments.of("']' inside the subset", "<!DOCTYPE rss [<!ENTITY a ']x'>]><rss/>", "<rss/>"),
                    Arguments.of("after a comment and a PI", "<!-- c --><?pi x?>  <!DOCTYPE rss><rss/>",
                            "<!-- c --><?pi x?>  <rss/>"),
                    Arguments.of("never closed", "<!DOCTYPE rss [<!ENTITY a 'b'><rss/>",
                            "<!DOCTYPE rss [<!ENTITY a 'b'><rss/>"),
                    Arguments.of("no space after the keyword", "<!DOCTYPErss><rss/>", "<!DOCTYPErss><rss/>"),
                    Arguments.of("not in the prolog", "<rss><![CDATA[<!DOCTYPE html>]]></rss>",
                            "<rss><![CDATA[<!DOCTYPE html>]]></rss>"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("doctypes")
        void stripsTheDoctypeOfTheProlog(String situation, String in, String out) {
            assertEquals(out, XmlRepairer.stripDoctype(in));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "a & b                     | a &amp; b",
            "&amp;&lt;&gt;&quot;&apos; | &amp;&lt;&gt;&quot;&apos;",
            "&#1234567; &#12345678;    | &#1234567; &amp;#12345678;",
            "&#x10FFFF; &#X41; &#x;    | &#x10FFFF; &amp;#X41; &amp;#x;",
            "&nbsp; &                  | &amp;nbsp; &amp;",
        })
        void escapesOnlyAmpersandsThatStartNoReference(String in, String out) {
            assertEquals(out, XmlRepairer.escapeStrayAmpersands(in));
        }
    }

    @Nested
    class TimeBudget {

        @Test
        void anXmlDocumentPastItsBudgetIsAbandonedSayingWhichLimit() {
            ParseConfig tight = ParseConfig.defaults().withTimeBudget(Duration.ofMillis(1));

            FeedParseException e = refused(tight, rss("<item/>".repeat(1_000_000)));

            assertTrue(e.getMessage().contains("longer than 1 ms")
                    && e.getMessage().contains("tributary.parse.time-budget"), e.getMessage());
        }

        @Test
        void aJsonFeedPastItsBudgetIsAbandonedToo() {
            ParseConfig tight = ParseConfig.defaults().withTimeBudget(Duration.ofMillis(1));

            FeedParseException e = refused(tight, jsonOfEmptyItems(3_000_000));

            assertTrue(e.getMessage().contains("tributary.parse.time-budget"), e.getMessage());
        }

        @Test
        void theLenientRebuildChecksTheBudgetAsItReads() {
            ParseConfig tight = ParseConfig.defaults().withTimeBudget(Duration.ofMillis(1));
            ParseBudget budget = ParseBudget.start(tight);
            String broken = rss("<item><p:a/></item>".repeat(100_000));

            ParseLimitException e = assertThrows(ParseLimitException.class,
                    () -> LenientXmlRebuilder.rebuild(broken, budget));

            assertTrue(e.getMessage().contains("tributary.parse.time-budget"), e.getMessage());
        }
    }
}
