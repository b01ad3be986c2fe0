package tributary.extract;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the article of a page no rule knows, after Arc90's readability: drops unlikely boxes by class and id, scores
 * paragraphs by length and commas into their parent and grandparent, weighs candidates by class hints and link
 * density, then keeps the best one with the siblings that read like more of it. Linear in the page's size.
 */
final class ReadabilityScorer {

    private static final String PARAGRAPHS = "p, pre, td, blockquote, li";
    /** Shorter paragraphs are captions, buttons or labels; readability's own floor. */
    private static final int MIN_PARAGRAPH = 25;
    /** Unlikely boxes are spared when they hold this share of the page's text: a "sidebar" that is the article. */
    private static final double UNLIKELY_SPARE = 0.5;

    private ReadabilityScorer() {
    }

    /** The element holding the article, detached into a new wrapper, or null when the page has no paragraph prose. */
    @Nullable
    static Element article(Document document) {
        Element body = document.body();
        if (body == null) {
            return null;
        }
        dropUnlikely(body);
        TextStats stats = TextStats.of(body);
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element paragraph : body.select(PARAGRAPHS)) {
            int length = stats.text(paragraph);
            if (length < MIN_PARAGRAPH || paragraph.parent() == null) {
                continue;
            }
            String text = length < 5_000 ? paragraph.text() : "";
            double score = 1 + commas(text) + Math.min(length / 100.0, 3);
            Element parent = paragraph.parent();
            add(scores, parent, score);
            if (parent.parent() != null) {
                add(scores, parent.parent(), score / 2);
            }
        }
        Element best = null;
        double bestScore = 0;
        for (Map.Entry<Element, Double> entry : scores.entrySet()) {
            double score = entry.getValue() * (1 - stats.linkDensity(entry.getKey()));
            entry.setValue(score);
            if (score > bestScore) {
                best = entry.getKey();
                bestScore = score;
            }
        }
        return best == null ? null : withSiblings(best, bestScore, scores, stats);
    }

    private static void add(Map<Element, Double> scores, Element element, double score) {
        Double old = scores.get(element);
        scores.put(element, (old == null ? initial(element) : old) + score);
    }

    /** A candidate's start: its tag (a div is likelier prose than a list) and its class and id. */
    private static double initial(Element element) {
        double base = switch (element.normalName()) {
            case "div", "article", "section", "main" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        return base + ClassHints.weight(element);
    }

    private static void dropUnlikely(Element body) {
        TextStats stats = TextStats.of(body);
        int total = Math.max(1, stats.text(body));
        List<Element> unlikely = new ArrayList<>();
        for (Element element : body.getAllElements()) {
            if (element != body && !element.nameIs("article") && !element.nameIs("main") && ClassHints.chrome(element)
                    && stats.text(element) < total * UNLIKELY_SPARE) {
                unlikely.add(element);
            }
        }
        unlikely.forEach(Element::remove);
    }

    /** The best candidate and, in page order, its siblings that score near it or are link-poor prose. */
    private static Element withSiblings(Element best, double bestScore, Map<Element, Double> scores, TextStats stats) {
        Element wrapper = new Element("div");
        Element parent = best.parent();
        if (parent == null) {
            return wrapper.appendChild(best);
        }
        double threshold = Math.max(10, bestScore * 0.2);
        for (Element sibling : new ArrayList<>(parent.children())) {
            boolean keep = sibling == best
                    || scores.getOrDefault(sibling, 0.0) + (ClassHints.weight(sibling) > 0 ? bestScore * 0.2 : 0) >= threshold
                    || sibling.nameIs("p") && stats.text(sibling) > 80 && stats.linkDensity(sibling) < 0.25;
            if (keep) {
                wrapper.appendChild(sibling);
            }
        }
        return wrapper;
    }

    private static int commas(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '，' || c == '、') {
                n++;
            }
        }
        return n;
    }
}
