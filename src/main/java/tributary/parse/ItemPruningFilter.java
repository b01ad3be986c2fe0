package tributary.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Stands between the SAX parser and the tree builder: items and entries past tributary.parse's max-items never reach
 * the tree (they are only counted), the nodes that do reach it and the distinct namespace declarations are capped,
 * and the time budget is checked as events pass, so no document becomes more objects than the limits allow.
 */
final class ItemPruningFilter extends XMLFilterImpl implements LexicalHandler {

    private static final String LEXICAL = "http://xml.org/sax/properties/lexical-handler";
    private static final String LEXICAL_ALT = "http://xml.org/sax/handlers/LexicalHandler";

    private final ParseBudget budget;
    private final ParseConfig config;
    private LexicalHandler lexical;
    private int depth;
    /** Local name of the root's child the parser is inside (an RSS channel holds its items). */
    private String rootChild;
    /** Depth of the item being skipped; 0 while nothing is. */
    private int skipping;
    private int items;
    private long nodes;
    private boolean inText;
    private final Set<String> namespaces = new HashSet<>();
    /** Prefix mappings come before the element they belong to; they follow it to the tree only if it is kept. */
    private final List<String[]> pendingPrefixes = new ArrayList<>();

    ItemPruningFilter(ParseBudget budget) {
        this.budget = budget;
        this.config = budget.config();
    }

    /** Items and entries the document held, the pruned ones included. */
    int items() {
        return items;
    }

    @Override
    public void parse(InputSource input) throws SAXException, IOException {
        if (lexical != null) {
            getParent().setProperty(LEXICAL, this);
        }
        super.parse(input);
    }

    @Override
    public void setProperty(String name, Object value) throws SAXNotRecognizedException, SAXNotSupportedException {
        if ((LEXICAL.equals(name) || LEXICAL_ALT.equals(name)) && value instanceof LexicalHandler handler) {
            // Comments and CDATA marks of a pruned item must be pruned as well, so they pass through here too.
            lexical = handler;
            return;
        }
        super.setProperty(name, value);
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        if (namespaces.add(prefix + ' ' + uri) && namespaces.size() > config.maxNamespaces()) {
            throw new ParseLimitException("the document declares more than " + config.maxNamespaces()
                    + " distinct namespaces (tributary.parse.max-namespaces); no feed needs that many");
        }
        if (skipping == 0) {
            pendingPrefixes.add(new String[] {prefix, uri});
        }
    }

    @Override
    public void endPrefixMapping(String prefix) {
        // The tree builder keeps the declarations on the elements; the end of their scope tells it nothing.
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        budget.check();
        depth++;
        inText = false;
        if (skipping > 0) {
            return;
        }
        if (depth == 2) {
            rootChild = localName;
        }
        if (isItem(localName) && ++items > config.maxItems()) {
            skipping = depth;
            pendingPrefixes.clear();
            return;
        }
        count(1 + atts.getLength());
        for (String[] mapping : pendingPrefixes) {
            super.startPrefixMapping(mapping[0], mapping[1]);
        }
        pendingPrefixes.clear();
        super.startElement(uri, localName, qName, atts);
    }

    /** An item of RSS (in the channel, or beside it in RSS 0.90/1.0) or an entry of Atom. */
    private boolean isItem(String localName) {
        return (depth == 2 || depth == 3 && "channel".equals(rootChild))
                && ("item".equals(localName) || "entry".equals(localName));
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        inText = false;
        if (skipping == 0) {
            super.endElement(uri, localName, qName);
        } else if (skipping == depth) {
            skipping = 0;
        }
        depth--;
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (skipping == 0) {
            textNode();
            super.characters(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        if (skipping == 0) {
            textNode();
            super.ignorableWhitespace(ch, start, length);
        }
    }

    /** A run of characters is one text node however many events the parser splits it into. */
    private void textNode() {
        if (!inText) {
            inText = true;
            budget.check();
            count(1);
        }
    }

    /** Elements, attributes, text runs, comments and processing instructions that go into the tree. */
    private void count(int more) {
        nodes += more;
        if (nodes > config.maxNodes()) {
            throw new ParseLimitException("the document holds more than " + config.maxNodes()
                    + " XML nodes in its first " + config.maxItems() + " items (tributary.parse.max-nodes)");
        }
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        if (skipping == 0) {
            inText = false;
            count(1);
            super.processingInstruction(target, data);
        }
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
        if (skipping == 0) {
            super.skippedEntity(name);
        }
    }

    @Override
    public void comment(char[] ch, int start, int length) throws SAXException {
        if (skipping == 0 && lexical != null) {
            inText = false;
            count(1);
            lexical.comment(ch, start, length);
        }
    }

    @Override
    public void startCDATA() throws SAXException {
        if (skipping == 0 && lexical != null) {
            lexical.startCDATA();
        }
    }

    @Override
    public void endCDATA() throws SAXException {
        if (skipping == 0 && lexical != null) {
            lexical.endCDATA();
        }
    }

    @Override
    public void startDTD(String name, String publicId, String systemId) throws SAXException {
        if (lexical != null) {
            lexical.startDTD(name, publicId, systemId);
        }
    }

    @Override
    public void endDTD() throws SAXException {
        if (lexical != null) {
            lexical.endDTD();
        }
    }

    @Override
    public void startEntity(String name) throws SAXException {
        if (skipping == 0 && lexical != null) {
            lexical.startEntity(name);
        }
    }

    @Override
    public void endEntity(String name) throws SAXException {
        if (skipping == 0 && lexical != null) {
            lexical.endEntity(name);
        }
    }
}
