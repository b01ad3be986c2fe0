package tributary.extract;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Characters of text and of link text under every element of a subtree, counted in one pass, so that scoring and
 * cleaning ask for densities in constant time instead of re-reading each subtree (which would be quadratic).
 */
final class TextStats {

    private final Map<Element, int[]> counts = new IdentityHashMap<>();

    private TextStats() {
    }

    /** Counts for root and everything under it, as the tree is now. */
    static TextStats of(Element root) {
        TextStats stats = new TextStats();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
            }

            @Override
            public void tail(Node node, int depth) {
                if (node == root) {
                    if (node instanceof Element element && element.nameIs("a")) {
                        stats.counts(element)[1] = stats.counts(element)[0];
                    }
                    return;
                }
                if (!(node.parent() instanceof Element parent)) {
                    return;
                }
                int[] into = stats.counts(parent);
                if (node instanceof TextNode text) {
                    into[0] += text.getWholeText().strip().length();
                } else if (node instanceof Element element) {
                    int[] own = stats.counts(element);
                    if (element.nameIs("a")) {
                        own[1] = own[0];
                    }
                    into[0] += own[0];
                    into[1] += own[1];
                }
            }
        }, root);
        return stats;
    }

    private int[] counts(Element element) {
        return counts.computeIfAbsent(element, e -> new int[2]);
    }

    /** Characters of text under the element (0 for one the pass did not see). */
    int text(Element element) {
        int[] c = counts.get(element);
        return c == null ? 0 : c[0];
    }

    /** Share of the element's text that sits inside links, 0 when it has no text. */
    double linkDensity(Element element) {
        int[] c = counts.get(element);
        return c == null || c[0] == 0 ? 0 : (double) c[1] / c[0];
    }
}
