package tributary.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.zip.GZIPOutputStream;
import org.jdom2.input.SAXBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RomeFeedParserTest {

    private final RomeFeedParser parser = new RomeFeedParser(new XmlDocumentReader(ParseConfig.defaults()));

    private static String rss(String itemXml) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>T</title><link>https://example.vn/</link><description>d</description>
                %s
                </channel></rss>""".formatted(itemXml);
    }

    private ParsedFeed parse(String xml) throws FeedParseException {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml; charset=utf-8");
    }

    @Nested
    class Dates {

        @Test
        void keepsTheDateTextRomeCannotRead() throws Exception {
            ParsedItem item = parse(rss("<item><guid>1</guid><title>A</title><pubDate>Thứ Tư, 28/01/2026 - 14:30</pubDate></item>"))
                    .items().get(0);
            assertNull(item.published());
            assertEquals("Thứ Tư, 28/01/2026 - 14:30", item.publishedText());
        }

        @Test
        void keepsDublinCoreAndAtomDateTextsInEntryOrder() throws Exception {
            ParsedFeed feed = parse("""
                    <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
                    <item><guid>1</guid><dc:date>2026-01-28 14:30:00</dc:date></item>
                    <item><guid>2</guid><pubDate>  28/01/2026
                       09:00 </pubDate></item>
                    <item><guid>3</guid></item>
                    </channel></rss>""");
            assertEquals("2026-01-28 14:30:00", feed.items().get(0).publishedText());
            assertEquals("28/01/2026 09:00", feed.items().get(1).publishedText());
            assertNull(feed.items().get(2).publishedText());

            ParsedFeed atom = parse("""
                    <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>x</id>
                    <entry><id>e1</id><title>E</title><updated>2026-01-28T14:30:00</updated></entry></feed>""");
            assertEquals("2026-01-28T14:30:00", atom.items().get(0).updatedText());
        }
    }

    @Nested
    class Recovery {

        @Test
        void readsADocumentWithWhitespaceAndABomBeforeTheProlog() throws Exception {
            byte[] body = ("\uFEFF\n\n   " + rss("<item><guid>1</guid><title>A</title></item>")).getBytes(StandardCharsets.UTF_8);
            assertEquals(1, parser.parse(body, null).items().size());
        }

        @Test
        void turnsHtmlNamedEntitiesIntoCharacters() throws Exception {
            ParsedItem item = parse(rss("<item><guid>1</guid><title>Caf&eacute;&nbsp;s&agrave;i g&ograve;n &hellip;</title></item>"))
                    .items().get(0);
            assertEquals("Café\u00a0sài gòn …", item.title());
        }

        @Test
        void escapesBareAmpersandsInTextAndLinks() throws Exception {
            ParsedItem item = parse(rss("<item><guid>1</guid><title>Tom & Jerry</title>"
                    + "<link>https://example.vn/a?x=1&y=2</link></item>")).items().get(0);
            assertEquals("Tom & Jerry", item.title());
            assertEquals("https://example.vn/a?x=1&y=2", item.link());
        }

        @Test
        void escapesAnUnknownEntityAsText() throws Exception {
            ParsedItem item = parse(rss("<item><guid>1</guid><title>R&D &bogus; done</title></item>")).items().get(0);
            assertEquals("R&D &bogus; done", item.title());
        }

        @Test
        void dropsControlCharactersXmlForbids() throws Exception {
            ParsedItem item = parse(rss("<item><guid>1</guid><title>A\u0001B\u000cC\u001f</title></item>")).items().get(0);
            assertEquals("ABC", item.title());
        }

        @Test
        void readsAGzipBodyServedWithoutContentEncoding() throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                gzip.write(rss("<item><guid>1</guid><title>Nén</title></item>").getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("Nén", parser.parse(bytes.toByteArray(), "application/rss+xml").items().get(0).title());
        }

        @Test
        void dropsCharacterReferencesToForbiddenCharacters() throws Exception {
            ParsedItem item = parse(rss("<item><guid>1</guid><title>A&#12;B&#x1F;C&#233;</title></item>")).items().get(0);
            assertEquals("ABCé", item.title());
        }

        @Test
        void closesWhatATruncatedDocumentLeftOpen() throws Exception {
            ParsedFeed feed = parse("<rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>Một</title></item>"
                    + "<item><guid>2</guid><title>Hai</title></item></channel></rss");
            assertEquals(2, feed.items().size());
            assertEquals("Hai", feed.items().get(1).title());
        }

        @Test
        void readsATagThatLostItsClosingBracket() throws Exception {
            ParsedFeed feed = parse("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"\n<channel><title>T</title>"
                    + "<item><guid>g1</guid><title>Overlord 12</title><pubDate>2026-08-18 00:41:36 UTC</pubDate></item>"
                    + "</channel></rss>");
            assertEquals("Overlord 12", feed.items().get(0).title());
            assertEquals("2026-08-18 00:41:36 UTC", feed.items().get(0).publishedText());
        }

        @Test
        void declaresAPrefixThePublisherForgot() throws Exception {
            ParsedFeed feed = parse("<rss version=\"2.0\"><channel><title>T</title><itunes:subtitle>Foo</itunes:subtitle>"
                    + "<item><guid>1</guid><title>x</title></item></channel></rss>");
            assertEquals(1, feed.items().size());
        }

        @Test
        void reportsWhatIsWrongWhenNothingHelps() {
            FeedParseException e = assertThrows(FeedParseException.class,
                    () -> parse("<?xml version=\"1.0\"?><note><to>Tove</to></note>"));
            assertTrue(e.getMessage().startsWith("not an RSS or Atom feed: "), e.getMessage());
            assertThrows(FeedParseException.class, () -> parse("just text, no markup"));
            FeedParseException html = assertThrows(FeedParseException.class,
                    () -> parse("<!DOCTYPE html><html><body><p>We'll be back</p></body></html>"));
            assertTrue(html.getMessage().contains("<html>"), html.getMessage());
        }
    }

    @Nested
    class Encodings {

        private String title(byte[] body, String contentType) throws FeedParseException {
            return Normalizer.normalize(parser.parse(body, contentType).items().get(0).title(), Normalizer.Form.NFC);
        }

        private byte[] doc(String encodingDecl, String title, Charset charset) {
            return ("<?xml version=\"1.0\" encoding=\"" + encodingDecl + "\"?><rss version=\"2.0\"><channel><title>T</title>"
                    + "<item><guid>1</guid><title>" + title + "</title></item></channel></rss>").getBytes(charset);
        }

        @Test
        void readsWindows1258FromTheProlog() throws Exception {
            // Vietnamese in windows-1258 keeps tone marks as combining characters: ê (0xEA) + dot below (0xF2).
            byte[] head = "<?xml version=\"1.0\" encoding=\"windows-1258\"?><rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>Vi"
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "t Nam</title></item></channel></rss>".getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(head);
            body.write(0xEA);
            body.write(0xF2);
            body.writeBytes(tail);
            assertEquals("Việt Nam", title(body.toByteArray(), "application/xml"));
        }

        @Test
        void letsTheHttpCharsetOverrideTheProlog() throws Exception {
            byte[] body = doc("utf-8", "don\u2019t café", Charset.forName("windows-1252"));
            assertEquals("don\u2019t café", title(body, "text/xml; charset=windows-1252"));
        }

        @Test
        void readsIso88591DeclaredInTheProlog() throws Exception {
            assertEquals("Crème brûlée", title(doc("ISO-8859-1", "Crème brûlée", StandardCharsets.ISO_8859_1), null));
        }

        @Test
        void readsUtf16AndUtf32WithByteOrderMarks() throws Exception {
            assertEquals("Hà Nội", title(doc("UTF-16", "\uFEFFHà Nội".substring(1), StandardCharsets.UTF_16), null));
            byte[] utf16le = doc("UTF-16", "Hà Nội", StandardCharsets.UTF_16LE);
            byte[] withBom = new byte[utf16le.length + 2];
            withBom[0] = (byte) 0xFF;
            withBom[1] = (byte) 0xFE;
            System.arraycopy(utf16le, 0, withBom, 2, utf16le.length);
            assertEquals("Hà Nội", title(withBom, "application/xml"));
            byte[] utf32 = doc("UTF-32BE", "Hà Nội", Charset.forName("UTF-32BE"));
            assertEquals("Hà Nội", title(utf32, null));
        }

        @Test
        void readsCleanUtf8UnderALegacyLabelAsUtf8() throws Exception {
            assertEquals("Hà Nội €", title(doc("windows-1252", "Hà Nội €", StandardCharsets.UTF_8), null));
            assertEquals("Hà Nội €", title(doc("utf-8", "Hà Nội €", StandardCharsets.UTF_8), "text/xml; charset=iso-8859-1"));
        }

        @Test
        void readsAnIso88591LabelAsWindows1252AndC1ControlsAsItsPunctuation() throws Exception {
            byte[] body = doc("ISO-8859-1", "don\u2019t \u201cquote\u201d", Charset.forName("windows-1252"));
            assertEquals("don\u2019t \u201cquote\u201d", title(body, null));
            assertEquals("don\u2019t", title(doc("utf-8", "don&#146;t", StandardCharsets.UTF_8), null));
            assertEquals("don\u2019t", title(doc("utf-8", "don\u0092t", StandardCharsets.UTF_8), null));
        }

        @Test
        void fallsBackToUtf8WhenTheDeclaredCharsetIsBogus() throws Exception {
            assertEquals("Hà Nội", title(doc("x-no-such-charset", "Hà Nội", StandardCharsets.UTF_8), "text/xml; charset=bogus"));
        }
    }

    @Nested
    class Safety {

        @Test
        void theClasspathParserRefusesDoctypesOutright() {
            // Rome only sets the features a parser claims to support; prove this classpath's parser really refuses.
            SAXBuilder builder = XmlDocumentReader.HardenedInput.saxBuilder();
            Exception e = assertThrows(Exception.class, () -> builder.build(new java.io.StringReader(
                    "<!DOCTYPE rss [<!ELEMENT rss ANY>]><rss/>")));
            assertTrue(String.valueOf(e.getMessage()).contains("DOCTYPE"), e.getMessage());
        }

        @Test
        void theClasspathParserNeverExpandsAnExternalEntity(@TempDir Path dir) throws IOException {
            Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
            SAXBuilder builder = XmlDocumentReader.HardenedInput.saxBuilder();
            Exception e = assertThrows(Exception.class, () -> builder.build(new java.io.StringReader(
                    "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>")));
            assertFalse(String.valueOf(e.getMessage()).contains("TOP-SECRET-42"));
        }

        @Test
        void dropsADoctypeAndLeavesItsEntitiesAsText(@TempDir Path dir) throws Exception {
            Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
            String xml = "<?xml version=\"1.0\"?>\n<!-- old Netscape feed -->\n<!DOCTYPE rss [<!ENTITY x SYSTEM \""
                    + secret.toUri() + "\">]>\n<rss version=\"2.0\"><channel><title>T</title>"
                    + "<item><guid>1</guid><title>a &x; b</title></item></channel></rss>";
            ParsedItem item = parse(xml).items().get(0);
            assertEquals("a &x; b", item.title());
        }

        @Test
        void neverFetchesAnExternalDtd() throws Exception {
            try (java.net.ServerSocket trap = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                trap.setSoTimeout(300);
                String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
                        + "\"http://127.0.0.1:" + trap.getLocalPort() + "/rss-0.91.dtd\"><rss version=\"0.91\"><channel>"
                        + "<title>T</title><item><title>x</title><link>https://example.com/1</link></item></channel></rss>";
                assertEquals(1, parse(xml).items().size());
                assertThrows(java.net.SocketTimeoutException.class, trap::accept, "the parser connected to the DTD's URL");
            }
        }

        @Test
        void keepsDoctypeLookingTextInsideContent() throws Exception {
            ParsedItem item = parse(rss("<item><guid>1</guid><description><![CDATA[<!DOCTYPE html> is HTML5's]]></description></item>"))
                    .items().get(0);
            assertEquals("<!DOCTYPE html> is HTML5's", item.summary());
        }

        @Test
        void refusesNestingDeeperThanTheLimit() {
            String deep = "<x>".repeat(5000) + "</x>".repeat(5000);
            FeedParseException e = assertThrows(FeedParseException.class,
                    () -> parse(rss("<item><guid>1</guid><description>" + deep + "</description></item>")));
            assertTrue(e.getMessage().contains("200") || e.getMessage().toLowerCase().contains("depth"), e.getMessage());
        }

        @Test
        void refusesADocumentLargerThanTheLimit() {
            RomeFeedParser small = new RomeFeedParser(new XmlDocumentReader(ParseConfig.defaults().withMaxDocumentBytes(1000)));
            byte[] big = rss("<item><guid>1</guid><title>" + "a".repeat(2000) + "</title></item>").getBytes(StandardCharsets.UTF_8);
            FeedParseException e = assertThrows(FeedParseException.class, () -> small.parse(big, null));
            assertTrue(e.getMessage().contains("larger than 1000 bytes"), e.getMessage());
        }

        @Test
        void capsAGzipBombAtTheLimit() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                gzip.write(new byte[5_000_000]);
            }
            RomeFeedParser small = new RomeFeedParser(new XmlDocumentReader(ParseConfig.defaults().withMaxDocumentBytes(100_000)));
            FeedParseException e = assertThrows(FeedParseException.class, () -> small.parse(bytes.toByteArray(), null));
            assertTrue(e.getMessage().contains("decompressed"), e.getMessage());
        }
    }

    @Test
    void keepsTheXmlBaseInForceForEachEntrysContent() throws Exception {
        ParsedFeed feed = parse("""
                <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.com/parent/"><title>A</title><id>x</id>
                <entry><id>1</id><content type="html" xml:base="../test/">&lt;a href="t.html"&gt;t&lt;/a&gt;</content></entry>
                <entry><id>2</id><summary>s</summary></entry></feed>""");
        assertEquals("http://example.com/test/", feed.items().get(0).base());
        assertEquals("http://example.com/parent/", feed.items().get(1).base());
        assertNull(parse(rss("<item><guid>1</guid></item>")).items().get(0).base());
    }

    @Nested
    class TreeRepairs {

        @Test
        void readsAnRssVersionRomeDoesNotKnowAsRss20() throws Exception {
            assertEquals(1, parse("<rss version=\"2.1\"><channel><title>T</title><item><guid>1</guid></item></channel></rss>")
                    .items().size());
        }

        @Test
        void readsAtomWhoseNamespaceIsMissing() throws Exception {
            ParsedFeed feed = parse("<feed xmns=\"http://www.w3.org/2005/Atom\"><entry><id>e1</id><title>Café</title></entry></feed>");
            assertEquals("Café", feed.items().get(0).title());
        }

        @Test
        void readsRssItemsWithoutAChannel() throws Exception {
            ParsedFeed feed = parse("<rss><item><title>x</title><description>d</description></item></rss>");
            assertEquals(1, feed.items().size());
            assertEquals(0, parse("<rss version=\"2.0\"></rss>").items().size());
        }

        @Test
        void decodesBase64ContentWithLineBreaks() throws Exception {
            ParsedFeed feed = parse("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><id>1</id>"
                    + "<content mode=\"base64\">\n  RXhhbXBsZSA8Yj5BdG9tPC9iPg==\n</content></entry></feed>");
            assertEquals("Example <b>Atom</b>", feed.items().get(0).content());
        }
    }

    @Test
    void keepsEveryEntryWhenGuidsRepeatInOneDocument() throws Exception {
        ParsedFeed feed = parse(rss("<item><guid>same</guid><title>A</title></item><item><guid>same</guid><title>B</title></item>"));
        assertEquals(2, feed.items().size());
    }

    @Nested
    class WebSubLinks {

        @Test
        void readsHubAndSelfFromAtomLinksInAnRssChannel() throws Exception {
            ParsedFeed feed = parse(rss("""
                    <atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="hub" href="https://hub.example/"/>
                    <atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" href="https://example.vn/rss"/>
                    <item><title>A</title><link>https://example.vn/a</link></item>"""));
            assertEquals(new FeedLinks(java.util.List.of("https://hub.example/"), "https://example.vn/rss"),
                    feed.links());
        }

        @Test
        void keepsAtMostFiveHubsHoweverManyADocumentNames() throws Exception {
            StringBuilder hubs = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                hubs.append("<atom:link xmlns:atom=\"http://www.w3.org/2005/Atom\" rel=\"hub\" href=\"https://hub")
                        .append(i).append(".example/\"/>\n");
            }
            ParsedFeed feed = parse(rss(hubs + "<item><title>A</title><link>https://example.vn/a</link></item>"));
            assertEquals(java.util.List.of("https://hub0.example/", "https://hub1.example/", "https://hub2.example/",
                    "https://hub3.example/", "https://hub4.example/"), feed.links().hubs());
        }

        @Test
        void readsHubAndSelfOfAnAtomFeedButNotOfItsEntries() throws Exception {
            ParsedFeed feed = parser.parse("""
                    <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id>
                    <updated>2026-01-28T10:00:00Z</updated>
                    <link rel="self" href="https://example.vn/atom"/><link rel="alternate" href="https://example.vn/"/>
                    <link rel="hub" href="https://hub-a.example/"/><link rel="hub" href="https://hub-b.example/"/>
                    <entry><id>e</id><title>E</title><updated>2026-01-28T10:00:00Z</updated>
                    <link rel="hub" href="https://entry-hub.example/"/></entry></feed>"""
                    .getBytes(StandardCharsets.UTF_8), "application/atom+xml");
            assertEquals(new FeedLinks(java.util.List.of("https://hub-a.example/", "https://hub-b.example/"),
                    "https://example.vn/atom"), feed.links());
        }

        @Test
        void aFeedWithoutThemHasNone() throws Exception {
            assertEquals(FeedLinks.NONE, parse(rss("<item><title>A</title></item>")).links());
        }
    }
}
