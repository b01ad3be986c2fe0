package tributary.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.jsoup.parser.StreamParser;

/**
 * The last resort for a document that is not well-formed: jsoup's forgiving XML parser closes what was left open
 * (a truncated feed, a tag missing its '&gt;'), and the result is written back as well-formed XML, with a
 * placeholder namespace for any prefix the publisher never declared. jsoup resolves no entity and fetches nothing;
 * it reads as a stream so the node cap and the time budget are checked as each element completes.
 */
final class LenientXmlRebuilder {

    private LenientXmlRebuilder() {
    }

    static String rebuild(String text, ParseBudget budget) {
        ParseConfig config = budget.config();
        Document doc;
        // One level past the limit: jsoup's stack stays bounded, and the parse of its output still refuses the nesting.
        int depth = config.maxDepth() <= 0 ? Integer.MAX_VALUE : config.maxDepth() + 1;
        try (StreamParser stream = new StreamParser(Parser.xmlParser().setMaxDepth(depth))) {
            stream.parse(budget.reader(text), "");
            long nodes = 0;
            for (Iterator<Element> it = stream.iterator(); it.hasNext(); ) {
                Element element = it.next();
                budget.check();
                nodes += 1 + element.attributesSize();
                if (nodes > config.maxNodes()) {
                    throw new ParseLimitException("the document is not well-formed and holds more than "
                            + config.maxNodes() + " XML nodes, too many to repair (tributary.parse.max-nodes)");
                }
            }
            doc = stream.complete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        doc.select("*").forEach(LenientXmlRebuilder::dropBrokenAttributes);
        doc.childNodes().stream().filter(DocumentType.class::isInstance).toList().forEach(org.jsoup.nodes.Node::remove);
        doc.outputSettings().syntax(Document.OutputSettings.Syntax.xml).escapeMode(Entities.EscapeMode.xhtml)
                .prettyPrint(false).charset("UTF-8");
        Element root = doc.children().isEmpty() ? null : doc.child(0);
        if (root != null) {
            Set<String> undeclared = undeclaredPrefixes(doc.outerHtml());
            if (undeclared.size() > config.maxNamespaces()) {
                throw new ParseLimitException("the document uses more than " + config.maxNamespaces()
                        + " undeclared namespace prefixes (tributary.parse.max-namespaces); no feed needs that many");
            }
            for (String prefix : undeclared) {
                root.attr("xmlns:" + prefix, "urn:tributary:undeclared:" + prefix);
            }
        }
        return doc.outerHtml();
    }

    /** An attribute name jsoup kept from broken markup ("&lt;channel" in {@code <rss version="2.0" <channel>}) is no XML name. */
    private static void dropBrokenAttributes(Element element) {
        element.attributes().asList().stream()
                .filter(a -> !a.getKey().matches("[A-Za-z_][\\w.:-]*"))
                .toList()
                .forEach(a -> element.removeAttr(a.getKey()));
    }

    /**
     * Prefixes used as {@code <prefix:name} with no {@code xmlns:prefix=} anywhere in the text, in order of first use;
     * one pass collects each set, so the work is linear however many prefixes a broken document invents.
     */
    static Set<String> undeclaredPrefixes(String xml) {
        int n = xml.length();
        Set<String> declared = new HashSet<>();
        for (int at = xml.indexOf("xmlns:"); at >= 0; at = xml.indexOf("xmlns:", at + 6)) {
            int end = nameEnd(xml, at + 6);
            if (end < n && xml.charAt(end) == '=') {
                declared.add(xml.substring(at + 6, end));
            }
        }
        Set<String> used = new LinkedHashSet<>();
        for (int at = xml.indexOf('<'); at >= 0 && at + 1 < n; at = xml.indexOf('<', at + 1)) {
            if (isNameStart(xml.charAt(at + 1))) {
                int end = nameEnd(xml, at + 2);
                if (end + 1 < n && xml.charAt(end) == ':' && isNameStart(xml.charAt(end + 1))) {
                    used.add(xml.substring(at + 1, end));
                }
            }
        }
        used.removeAll(declared);
        used.remove("xml");
        used.remove("xmlns");
        return used;
    }

    private static boolean isNameStart(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
    }

    /** The end of a run of [\w.-] (ASCII word characters, dot, hyphen) from start. */
    private static int nameEnd(String s, int start) {
        int i = start;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(isNameStart(c) || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                break;
            }
            i++;
        }
        return i;
    }
}
