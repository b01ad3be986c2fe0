package tributary.parse;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

/**
 * The last resort for a document that is not well-formed: jsoup's forgiving XML parser closes what was left open
 * (a truncated feed, a tag missing its '&gt;'), and the result is written back as well-formed XML, with a
 * placeholder namespace for any prefix the publisher never declared. jsoup resolves no entity and fetches nothing.
 */
final class LenientXmlRebuilder {

    private static final Pattern PREFIX = Pattern.compile("<([A-Za-z_][\\w.-]*):[A-Za-z_]");

    private LenientXmlRebuilder() {
    }

    static String rebuild(String text) {
        Document doc = Jsoup.parse(text, "", Parser.xmlParser());
        doc.select("*").forEach(LenientXmlRebuilder::dropBrokenAttributes);
        doc.childNodes().stream().filter(DocumentType.class::isInstance).toList().forEach(org.jsoup.nodes.Node::remove);
        doc.outputSettings().syntax(Document.OutputSettings.Syntax.xml).escapeMode(Entities.EscapeMode.xhtml)
                .prettyPrint(false).charset("UTF-8");
        Element root = doc.children().isEmpty() ? null : doc.child(0);
        if (root != null) {
            for (String prefix : undeclaredPrefixes(doc.outerHtml())) {
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

    private static Set<String> undeclaredPrefixes(String xml) {
        Set<String> prefixes = new LinkedHashSet<>();
        Matcher m = PREFIX.matcher(xml);
        while (m.find()) {
            String prefix = m.group(1);
            if (!prefix.equals("xml") && !prefix.equals("xmlns") && !xml.contains("xmlns:" + prefix + "=")) {
                prefixes.add(prefix);
            }
        }
        return prefixes;
    }
}
