package tributary.parse;

import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringReader;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import tributary.common.Causes;

/**
 * Builds the XML tree of a feed with Rome's hardened SAX setup (no DOCTYPE, no entity, no network or file access)
 * plus a depth and size cap, after repairing what publishers commonly break; bolder repairs (stray ampersands,
 * then jsoup's forgiving rebuild) run only when the parse before them failed. Items past max-items are pruned before
 * the tree holds them, and nodes, namespaces and time are capped (ItemPruningFilter, ParseBudget).
 */
@Singleton
public class XmlDocumentReader {

    /** JAXP's own limit on element nesting (JDK 17 implementation property). */
    static final String MAX_DEPTH_PROPERTY = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private final ParseConfig config;
    private final BodyDecoder decoder;

    public XmlDocumentReader(ParseConfig config) {
        this.config = config;
        this.decoder = new BodyDecoder(config.maxDocumentBytes());
    }

    /** The tree of a document built within the limits of budget; itemsInDocument counts its items, pruned ones too. */
    record Read(Document document, int itemsInDocument) {
    }

    public Document read(byte[] body, String contentType) throws FeedParseException {
        return read(body, contentType, budget()).document();
    }

    /** A fresh time budget for one document. */
    ParseBudget budget() {
        return ParseBudget.start(config);
    }

    Read read(byte[] body, String contentType, ParseBudget budget) throws FeedParseException {
        if (body.length > config.maxDocumentBytes()) {
            throw new FeedParseException("the document is larger than " + config.maxDocumentBytes()
                    + " bytes (tributary.parse.max-document-bytes)");
        }
        try {
            String text = XmlRepairer.stripDoctype(XmlRepairer.clean(decoder.decode(body, contentType)));
            if (text.isEmpty()) {
                throw new FeedParseException("not an RSS or Atom feed: the document holds no XML element");
            }
            budget.check();
            return build(text, budget);
        } catch (ParseLimitException e) {
            throw new FeedParseException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // JDOM's IllegalNameException/IllegalDataException: the SAX parser let through a name or text JDOM
            // refuses (an element named ':title'); the document is broken, not the service.
            throw new FeedParseException("not an RSS or Atom feed: " + e.getMessage(), e);
        }
    }

    private Read build(String text, ParseBudget budget) throws FeedParseException {
        try {
            return tree(text, budget);
        } catch (JDOMException first) {
            refuseOverLimit(first);
            if (isRefusedDoctype(first)) {
                throw new FeedParseException("not an RSS or Atom feed: documents with a DOCTYPE are refused "
                        + "(they can pull in external entities); " + message(first), first);
            }
            if (message(first).contains("maxElementDepth")) {
                // A repair would flatten the nesting into something else; the limit is the answer.
                throw new FeedParseException("not an RSS or Atom feed: elements nested deeper than " + config.maxDepth()
                        + " (tributary.parse.max-depth); " + message(first), first);
            }
            try {
                return tree(XmlRepairer.escapeStrayAmpersands(text), budget);
            } catch (JDOMException | IOException second) {
                refuseOverLimit(second);
                try {
                    return tree(LenientXmlRebuilder.rebuild(text, budget), budget);
                } catch (JDOMException | IOException | RuntimeException third) {
                    refuseOverLimit(third);
                    throw new FeedParseException("not an RSS or Atom feed: " + message(first), first);
                }
            }
        } catch (IOException e) {
            refuseOverLimit(e);
            throw new FeedParseException("cannot read the document: " + message(e), e);
        }
    }

    /** A limit that stopped one attempt stops the document: a bolder repair would only spend more on it. */
    private static void refuseOverLimit(Throwable e) {
        ParseLimitException limit = Causes.find(e, ParseLimitException.class);
        if (limit != null) {
            throw limit;
        }
    }

    private Read tree(String text, ParseBudget budget) throws JDOMException, IOException {
        budget.check();
        SAXBuilder builder = HardenedInput.saxBuilder();
        builder.setProperty(MAX_DEPTH_PROPERTY, String.valueOf(config.maxDepth()));
        ItemPruningFilter filter = new ItemPruningFilter(budget);
        builder.setXMLFilter(filter);
        // XmlFixerReader turns HTML entities (&nbsp; &eacute; …) into character references and escapes bare '&'.
        Document document = builder.build(new XmlFixerReader(budget.reader(text)));
        return new Read(document, filter.items());
    }

    private static boolean isRefusedDoctype(JDOMException e) {
        String m = message(e);
        return m.contains("DOCTYPE") || m.contains("doctype");
    }

    static String message(Throwable e) {
        String m = Causes.rootMessage(e);
        return m.length() > 500 ? m.substring(0, 500) + "…" : m;
    }

    /** Rome's WireFeedInput, only to reach the SAX builder it hardens (DOCTYPE refused, entities neither expanded nor resolved). */
    static final class HardenedInput extends WireFeedInput {

        private static final HardenedInput INSTANCE = new HardenedInput();

        private HardenedInput() {
            setAllowDoctypes(false);
        }

        static SAXBuilder saxBuilder() {
            return INSTANCE.createSAXBuilder();
        }
    }
}
