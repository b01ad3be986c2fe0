package tributary.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** What every published document must be: well-formed XML with the format's root, or a valid JSON Feed 1.1. */
final class OutputChecks {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private static final Schema JSON_FEED_SCHEMA = schema();

    private OutputChecks() {
    }

    /** Parses with a strict, secure SAX parser (no DOCTYPE, no external anything) and checks the root element. */
    static void wellFormedXml(byte[] body, String rootName, String what) {
        String[] root = {null};
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            SAXParser parser = factory.newSAXParser();
            parser.parse(new ByteArrayInputStream(body), new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if (root[0] == null) {
                        root[0] = localName;
                    }
                }
            });
        } catch (SAXException | IOException e) {
            fail(what + " is not well-formed XML: " + e.getMessage() + "\n" + excerpt(body, e));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(rootName, root[0], what + ": root element");
    }

    /** Strict UTF-8, parses as JSON, has version, title and items with an id each, and matches the 1.1 schema. */
    static void validJsonFeed(byte[] body, String what) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            fail(what + " is not valid UTF-8: " + e);
            return;
        }
        JsonNode feed;
        try {
            feed = JSON.readValue(body, JsonNode.class);
        } catch (IOException e) {
            fail(what + " is not valid JSON: " + e.getMessage());
            return;
        }
        assertTrue(feed.isObject(), what + ": not a JSON object");
        assertEquals("https://jsonfeed.org/version/1.1", string(feed, "version"), what + ": version");
        assertTrue(string(feed, "title") != null, what + ": no title");
        JsonNode items = feed.get("items");
        assertTrue(items != null && items.isArray(), what + ": no items array");
        int i = 0;
        for (JsonNode item : items.values()) {
            String id = string(item, "id");
            assertTrue(id != null && !id.isEmpty(), what + ": item " + i + " has no id");
            i++;
        }
        List<Error> errors = withLargeStack(() -> JSON_FEED_SCHEMA.validate(text, InputFormat.JSON));
        assertTrue(errors.isEmpty(), what + " does not match the JSON Feed 1.1 schema: "
                + errors.subList(0, Math.min(5, errors.size())));
    }

    /**
     * Runs the schema check on a thread with a 256 MB stack: its regular expressions (java.util.regex recurses per
     * character) overflow the default stack on a URL of a few thousand characters, which is the checker's limit, not
     * the service's.
     */
    private static <T> T withLargeStack(Supplier<T> check) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(check.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "json-feed-schema-check", 256L * 1024 * 1024);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the JSON Feed schema", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the JSON Feed schema check failed: " + failure.get(), failure.get());
        }
        return result.get();
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    /** Where the parser stopped, as text around the line it names, so a failure shows the bad bytes. */
    private static String excerpt(byte[] body, Exception e) {
        if (e instanceof org.xml.sax.SAXParseException p && p.getLineNumber() > 0) {
            String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
            if (p.getLineNumber() <= lines.length) {
                String line = lines[p.getLineNumber() - 1];
                int col = Math.max(0, Math.min(line.length(), p.getColumnNumber() - 1));
                String around = line.substring(Math.max(0, col - 120), Math.min(line.length(), col + 40));
                return "near line " + p.getLineNumber() + ": " + around.codePoints()
                        .mapToObj(cp -> cp < 0x20 || cp >= 0xD800 && cp <= 0xDFFF || cp >= 0xFFFE
                                ? String.format("\\u%04X", cp) : Character.toString(cp))
                        .reduce("", String::concat);
            }
        }
        return "";
    }

    private static Schema schema() {
        try (InputStream in = OutputChecks.class.getResourceAsStream("/schema/jsonfeed-1.1.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
