package tributary.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * Takes a page's chrome out of an article body: scripts, forms, embeds and navigation by tag; hidden elements; boxes
 * named as chrome (comment, related, share, "tin-lien-quan"…); blocks that are mostly links (related-news lists);
 * labels such as "Tin cùng chuyên mục". Top-down, each element judged once on counts taken in one pass.
 */
final class ChromeCleaner {

    private static final String NEVER_ARTICLE = "script, style, noscript, template, form, input, button, select, "
            + "textarea, iframe, object, embed, nav, aside, footer, header, svg, canvas, link, meta, ins, h1, "
            + "[hidden], [style~=(?i)display:\\s*none]";
    private static final Set<String> BLOCK_CONTAINERS = Set.of("div", "article", "section", "main", "figure",
            "picture", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "blockquote", "body");
    /** Above this share of link text a block is a list of links, not prose. */
    private static final double LINK_BLOCK = 0.5;

    private ChromeCleaner() {
    }

    /** Removes the given selectors (a rule's or the feed's), then the generic chrome; the body itself stays. */
    static void clean(Element body, List<String> remove) {
        for (String selector : remove) {
            removeAll(body, selector);
        }
        removeAll(body, NEVER_ARTICLE);
        TextStats stats = TextStats.of(body);
        Deque<Element> todo = new ArrayDeque<>(body.children());
        while (!todo.isEmpty()) {
            Element element = todo.pop();
            if (chrome(element, stats)) {
                element.remove();
            } else {
                element.children().forEach(todo::push);
            }
        }
    }

    /** Drops the page's indentation between blocks, which readers would otherwise keep as stray spaces. */
    static void tidy(Element body) {
        List<TextNode> blank = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode text && text.isBlank() && node.parent() instanceof Element parent
                    && BLOCK_CONTAINERS.contains(parent.normalName())) {
                blank.add(text);
            }
        }, body);
        blank.forEach(TextNode::remove);
    }

    private static void removeAll(Element body, String selector) {
        Elements found;
        try {
            found = Selector.select(selector, body);
        } catch (Selector.SelectorParseException e) {
            // The catalog checks feeds' selectors when they are saved; one that slipped through drops nothing.
            return;
        }
        for (Element element : found) {
            if (element != body) {
                element.remove();
            }
        }
    }

    private static boolean chrome(Element element, TextStats stats) {
        if (ClassHints.chrome(element)) {
            return true;
        }
        int text = stats.text(element);
        if (text == 0) {
            return false;
        }
        if (stats.linkDensity(element) > LINK_BLOCK && !element.nameIs("a") && !inlineInProse(element)) {
            return true;
        }
        // Only short elements can be a label, so reading their text stays cheap.
        return text <= 40 && element.selectFirst("img") == null && ClassHints.chromeLabel(element.text());
    }

    /** A link-only span or strong inside a paragraph is part of its sentence; the paragraph is judged as a whole. */
    private static boolean inlineInProse(Element element) {
        return !element.isBlock() && element.parent() != null && element.parent().nameIs("p");
    }
}
